using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SyncGrid.Cli;
using SyncGrid.Sandbox.RetailCrm;

namespace SyncGrid.Orders.Tests.Flows;

/// <summary>The order endpoints of the HTTP API and the <c>syncgrid orders</c> commands over them.</summary>
public sealed class OrdersApiAndCliTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ApiAndCli_OrderByIdAndNumberEventsIncidentsIntake_AnswerWithExitCodes()
    {
        await using var h = await OrdersHarness.StartSandboxesAsync();
        h.Retail.GenerateShopDay(new RetailCrmShopDay { Orders = 5, Seed = 51, Duration = TimeSpan.FromHours(2) });
        await h.StartSiloAsync();
        await h.StartApiAsync();
        await h.WaitSyncedAsync(Deadline);
        var order = (await h.SnapshotsAsync())[0];
        using var http = new HttpClient { BaseAddress = h.ApiUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OrdersHarness.ApiToken);

        var byId = await http.GetFromJsonNodeAsync($"api/v1/orders/{order.Id}");
        var byNumber = await http.GetFromJsonNodeAsync($"api/v1/orders/{order.Number}");
        Assert.Equal(order.Number, (string?)byId["number"]);
        Assert.Equal(order.Id, (long)byNumber["orderId"]!);
        Assert.Equal(order.Sync.DealId, (long?)byNumber["dealId"]);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("api/v1/orders/99999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("api/v1/orders/1?by=sku")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient { BaseAddress = h.ApiUrl }.GetAsync($"api/v1/orders/{order.Id}")).StatusCode);
        var events = await http.GetFromJsonNodeAsync($"api/v1/orders/events?orderId={order.Id}&limit=5");
        Assert.All(events["items"]!.AsArray(), e => Assert.Equal(order.Id, (long)e!["orderId"]!));
        var intake = await http.GetFromJsonNodeAsync("api/v1/orders/intake");
        Assert.Equal(h.Retail.Inspect().LastHistoryId, (long)intake["lastHistoryId"]!);
        Assert.True((long)intake["eventCounts"]!["out/bitrix24/deal.add/ok"]! == 5);

        // An event posted without the application token is refused.
        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["event"] = "ONCRMDEALUPDATE", ["data[FIELDS][ID]"] = "1", ["auth[application_token]"] = "forged" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient { BaseAddress = h.ApiUrl }.PostAsync("bitrix24/events", forged)).StatusCode);

        string[] api = ["--api-url", h.ApiUrl!.ToString(), "--token", OrdersHarness.ApiToken];
        var (code, output) = await RunAsync(["orders", "status", order.Number, .. api]);
        Assert.Equal(0, code);
        Assert.Contains(order.Sync.DealId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
        (code, output) = await RunAsync(["orders", "events", "--order", order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", .. api]);
        Assert.Equal(0, code);
        Assert.NotEmpty(JsonNode.Parse(output)!["items"]!.AsArray());
        (code, output) = await RunAsync(["orders", "incidents", "--all", .. api]);
        Assert.Equal(0, code);
        Assert.Contains("incidents", output, StringComparison.Ordinal);
        (code, output) = await RunAsync(["orders", "intake", .. api]);
        Assert.Equal(0, code);
        Assert.Contains("out/bitrix24/deal.add/ok", output, StringComparison.Ordinal);
        (code, _) = await RunAsync(["orders", "status", "99999", .. api]);
        Assert.Equal(2, code);
    }

    private static async Task<(int Code, string Output)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SyncGridCli.RunAsync(args, output, error);
        return (code, output + error.ToString());
    }
}

internal static class HttpJson
{
    public static async Task<JsonNode> GetFromJsonNodeAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
