using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SyncGrid.Sandbox.Bitrix24;

namespace SyncGrid.Orders.Tests.Bitrix24;

/// <summary>What the orders flow needs of the Bitrix24 sandbox: tasks, outgoing events and <c>event.bind</c>'s refusal from a webhook.</summary>
public sealed class Bitrix24SandboxOrderMethodsTests : IAsyncLifetime, IDisposable
{
    private static readonly System.Text.Json.JsonSerializerOptions Exact = new();
    private Bitrix24Sandbox _portal = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _portal = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { BucketBurst = 100, BucketDrainPerSecond = 100, WaitForLatency = false });
        _http = new HttpClient { BaseAddress = _portal.WebhookUrl };
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    public void Dispose() => _http?.Dispose();

    private async Task<(HttpStatusCode Status, JsonObject Body)> CallAsync(string method, object parameters)
    {
        using var response = await _http.PostAsJsonAsync(method, parameters, Exact);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    [Fact]
    public async Task TasksTaskAdd_ValidAndInvalidFields_TaskWrappedOrErrorCore()
    {
        var (status, body) = await CallAsync("tasks.task.add", new { fields = new { TITLE = "Order No. 12A: cancelled", RESPONSIBLE_ID = 5, UF_CRM_TASK = new[] { "D_3" } } });
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var task = body["result"]!["task"]!;
        Assert.Equal("Order No. 12A: cancelled", (string?)task["title"]);
        Assert.Equal("5", (string?)task["responsibleId"]);
        Assert.IsType<string>((string?)task["id"]);

        (status, body) = await CallAsync("tasks.task.add", new { fields = new { RESPONSIBLE_ID = 5 } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("ERROR_CORE", (string?)body["error"]);
        (status, body) = await CallAsync("tasks.task.add", new { fields = new { TITLE = "x", RESPONSIBLE_ID = 5000 } });
        Assert.Equal("ERROR_CORE", (string?)body["error"]);
        (status, body) = await CallAsync("tasks.task.add", new { });
        Assert.Equal("100", (string?)body["error"]);

        (status, body) = await CallAsync("tasks.task.list", new { filter = new { TITLE = "Order No. 12A: cancelled", UF_CRM_TASK = "D_3" }, select = new[] { "ID", "TITLE" } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(body["result"]!["tasks"]!.AsArray());
        (_, body) = await CallAsync("tasks.task.list", new { filter = new { TITLE = "Order No. 12A: cancelled", UF_CRM_TASK = "D_4" } });
        Assert.Empty(body["result"]!["tasks"]!.AsArray());
    }

    [Fact]
    public async Task OutgoingWebhook_DealAddedAndUpdated_EventsPostedWithTheApplicationToken()
    {
        using var sink = new EventSink();
        var webhook = _portal.AddOutgoingWebhook(sink.Url, ["ONCRMDEALUPDATE", "ONCRMDEALADD"], "app-token-1");
        var (_, added) = await CallAsync("crm.deal.add", new { fields = new { TITLE = "Order No. 1A" } });
        var id = (int)added["result"]!;
        await CallAsync("crm.deal.update", new { id, fields = new { STAGE_ID = "PREPARATION" } });
        _portal.EditAsEmployee("deal", id, new Dictionary<string, string?> { ["COMMENTS"] = "Перезвонить" });

        var update = await sink.WaitForAsync(e => e["event"] == "ONCRMDEALUPDATE", TimeSpan.FromSeconds(10));
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), update["data[FIELDS][ID]"]);
        Assert.Equal("app-token-1", update["auth[application_token]"]);
        Assert.Equal(webhook.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), update["event_handler_id"]);
        Assert.Equal(32, update["auth[member_id]"].Length);
        Assert.False(update.ContainsKey("auth[access_token]"));
        await sink.WaitForAsync(e => e["event"] == "ONCRMDEALADD", TimeSpan.FromSeconds(5));
        await Eventually.WaitAsync(() => sink.Received.Count(e => e["event"] == "ONCRMDEALUPDATE") >= 2, TimeSpan.FromSeconds(5), "the second update event");
        Assert.Equal(2, sink.Received.Count(e => e["event"] == "ONCRMDEALUPDATE"));
        Assert.Equal("7", _portal.GetDeal(id)!["MODIFY_BY_ID"]);
    }

    [Fact]
    public async Task EventBind_FromAnInboundWebhook_RefusedUnlessAllowed()
    {
        var (status, body) = await CallAsync("event.bind", new { @event = "ONCRMDEALUPDATE", handler = "https://example.com/h" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("WRONG_AUTH_TYPE", (string?)body["error"]);

        _portal.SetEventDelivery(TimeSpan.Zero, allowEventBindFromWebhook: true);
        (status, _) = await CallAsync("event.bind", new { @event = "ONCRMDEALUPDATE", handler = "https://example.com/h" });
        Assert.Equal(HttpStatusCode.OK, status);
        (_, body) = await CallAsync("event.bind", new { @event = "ONCRMDEALUPDATE", handler = "https://example.com/h" });
        Assert.Equal("ERROR_HANDLER_ALREADY_EXIST", (string?)body["error"]);
        (_, body) = await CallAsync("event.bind", new { @event = "ONNOSUCHEVENT", handler = "https://example.com/h" });
        Assert.Equal("ERROR_EVENT_NOT_FOUND", (string?)body["error"]);
    }
}
