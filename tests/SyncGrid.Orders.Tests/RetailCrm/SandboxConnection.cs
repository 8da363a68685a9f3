using System.Net;
using System.Text.Json.Nodes;

namespace SyncGrid.Orders.Tests.RetailCrm;

/// <summary>Raw HTTP against a RetailCRM sandbox, as any client would talk to a real account (no client code involved).</summary>
internal sealed class SandboxConnection(string baseUrl, string? apiKey) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/") };

    public async Task<(HttpStatusCode Status, JsonObject? Body)> GetAsync(string pathAndQuery, bool keyInQuery = false)
    {
        var path = keyInQuery && apiKey is not null ? pathAndQuery + (pathAndQuery.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "apiKey=" + apiKey : pathAndQuery;
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (!keyInQuery && apiKey is not null)
        {
            request.Headers.Add("X-API-KEY", apiKey);
        }

        return await SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, JsonObject? Body)> PostFormAsync(string path, IReadOnlyDictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-KEY", apiKey);
        }

        return await SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, JsonObject? Body)> PostJsonAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-KEY", apiKey);
        }

        return await SendAsync(request);
    }

    private async Task<(HttpStatusCode, JsonObject?)> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? body = null;
        try
        {
            body = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        return (response.StatusCode, body);
    }

    public void Dispose() => _http.Dispose();
}
