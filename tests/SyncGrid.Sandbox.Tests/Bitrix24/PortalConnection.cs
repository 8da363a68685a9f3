using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SyncGrid.Sandbox.Bitrix24;

namespace SyncGrid.Sandbox.Tests.Bitrix24;

/// <summary>A started sandbox plus a raw HttpClient; tests speak plain HTTP and JSON to it, never through a client library.</summary>
internal sealed class PortalConnection : IAsyncDisposable
{
    private PortalConnection(Bitrix24Sandbox sandbox, FakeTimeProvider time)
    {
        Sandbox = sandbox;
        Time = time;
        Http = new HttpClient { BaseAddress = sandbox.BaseUrl };
    }

    public Bitrix24Sandbox Sandbox { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public static async Task<PortalConnection> StartAsync(Action<Bitrix24SandboxOptions>? configure = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 27, 7, 58, 30, TimeSpan.Zero));
        var options = new Bitrix24SandboxOptions { TimeProvider = time, WaitForLatency = false, RandomSeed = 7, BucketBurst = 10_000 };
        configure?.Invoke(options);
        return new PortalConnection(await Bitrix24Sandbox.StartAsync(options), time);
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> CallAsync(string method, object? parameters = null)
    {
        var json = parameters is JsonNode node ? node.ToJsonString() : System.Text.Json.JsonSerializer.Serialize(parameters ?? new { });
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(new Uri(Sandbox.WebhookUrl, method), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('<') ? null : JsonNode.Parse(text));
    }

    public async Task<JsonNode?> ResultAsync(string method, object? parameters = null)
    {
        var (status, body) = await CallAsync(method, parameters);
        Assert.True(status == HttpStatusCode.OK, $"{method}: expected 200, got {(int)status} {body?.ToJsonString()}");
        return body!["result"];
    }

    public async Task<int> AddAsync(string method, object fields) => (int)(await ResultAsync(method, new { fields }))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Sandbox.DisposeAsync();
    }
}
