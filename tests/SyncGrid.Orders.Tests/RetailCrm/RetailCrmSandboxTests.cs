using System.Net;
using System.Text.Json.Nodes;
using SyncGrid.Sandbox.RetailCrm;

namespace SyncGrid.Orders.Tests.RetailCrm;

/// <summary>The sandbox's contract (spec retailcrm.md §8.1), checked over raw HTTP.</summary>
public sealed class RetailCrmSandboxTests : IAsyncLifetime
{
    private RetailCrmSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await RetailCrmSandbox.StartAsync(new RetailCrmSandboxOptions { RequestsPerSecond = 1000, Burst = 1000, RandomSeed = 3 });

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    private SandboxConnection Syncgrid() => new(_sandbox.BaseUrl, _sandbox.ApiKey);

    private SandboxConnection Shop() => new(_sandbox.BaseUrl, _sandbox.ShopApiKey);

    [Fact]
    public async Task Auth_MissingWrongHeaderOrQueryKey_AnsweredAsTheAccountDoes()
    {
        using var none = new SandboxConnection(_sandbox.BaseUrl, null);
        var (status, body) = await none.GetAsync("api/v5/orders");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("\"apiKey\" is missing.", (string?)body!["errorMsg"]);
        Assert.False((bool)body["success"]!);

        using var wrong = new SandboxConnection(_sandbox.BaseUrl, "nope");
        (status, body) = await wrong.GetAsync("api/v5/orders");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Wrong \"apiKey\" value.", (string?)body!["errorMsg"]);

        using var good = Syncgrid();
        Assert.Equal(HttpStatusCode.OK, (await good.GetAsync("api/v5/orders")).Status);
        Assert.Equal(HttpStatusCode.OK, (await good.GetAsync("api/v5/orders", keyInQuery: true)).Status);
        Assert.Equal(HttpStatusCode.OK, (await good.GetAsync("api/credentials")).Status);
    }

    [Fact]
    public async Task Routing_UnknownPathAndBadPaging_MethodNotFoundAndInputErrors()
    {
        using var api = Syncgrid();
        var (status, body) = await api.GetAsync("api/v5/deals");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Method not found", (string?)body!["errorMsg"]);

        (status, body) = await api.GetAsync("api/v5/orders?limit=30");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Errors in the input parameters", (string?)body!["errorMsg"]);
        Assert.NotNull(body["errors"]!["limit"]);

        (status, _) = await api.GetAsync("api/v5/orders/history?page=0");
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Orders_PaginationAndByExternalId_AsSpecified()
    {
        using var api = Syncgrid();
        var (status, body) = await api.GetAsync("api/v5/orders?limit=20&page=2");
        Assert.Equal(HttpStatusCode.OK, status);
        var pagination = body!["pagination"]!;
        var total = (int)pagination["totalCount"]!;
        Assert.True(total >= 30, $"the built-in shop holds a few dozen orders, got {total}");
        Assert.Equal((total + 19) / 20, (int)pagination["totalPageCount"]!);
        Assert.Equal(2, (int)pagination["currentPage"]!);

        var first = _sandbox.ListOrders()[0];
        (status, body) = await api.GetAsync($"api/v5/orders/{first.Id}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Parameter 'site' is missing", (string?)body!["errorMsg"]);
        (status, body) = await api.GetAsync($"api/v5/orders/{first.Id}?by=id");
        Assert.Equal(HttpStatusCode.OK, status);
        var order = body!["order"]!.AsObject();
        Assert.Equal(first.Number, (string?)order["number"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", (string?)order["createdAt"]);
        var items = order["items"]!.AsArray();
        var summ = items.Sum(i => ((decimal)i!["initialPrice"]! - (decimal)i["discountTotal"]!) * (decimal)i["quantity"]!);
        Assert.Equal(summ, (decimal)order["summ"]!);
        Assert.Equal(summ + (decimal)order["delivery"]!["cost"]!, (decimal)order["totalSumm"]!);

        (status, body) = await api.GetAsync("api/v5/orders/999999?by=id");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Not found", (string?)body!["errorMsg"]);
    }

    [Fact]
    public async Task Edit_StatusByTwoKeys_HistoryPerFieldWithApiKeyCurrentRelativeToTheReader()
    {
        using var api = Syncgrid();
        using var shop = Shop();
        var order = _sandbox.ListOrders().First(o => o.Status == "new" || o.Status == "client-confirmed");
        var since = _sandbox.Inspect().LastHistoryId;
        var (status, body) = await api.PostFormAsync($"api/v5/orders/{order.Id}/edit", new Dictionary<string, string>
        {
            ["by"] = "id",
            ["site"] = "syncgrid-shop",
            ["order"] = """{"status":"assembling","managerComment":"Собрать до 18:00"}""",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(order.Id, (long)body!["id"]!);
        Assert.Equal("assembling", (string?)body["order"]!["status"]);

        var (_, mine) = await api.GetAsync($"api/v5/orders/history?filter[sinceId]={since}&limit=100");
        var (_, theirs) = await shop.GetAsync($"api/v5/orders/history?filter%5BsinceId%5D={since}&limit=100");
        var records = mine!["history"]!.AsArray();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.True((bool)r!["apiKey"]!["current"]!));
        Assert.All(theirs!["history"]!.AsArray(), r => Assert.False((bool)r!["apiKey"]!["current"]!));
        Assert.Single(records.Select(r => (string?)r!["createdAt"]).Distinct());
        var statusRecord = records.Single(r => (string?)r!["field"] == "status")!;
        Assert.Equal("assembling", (string?)statusRecord["newValue"]!["code"]);
        Assert.Equal("api", (string?)statusRecord["source"]);
        Assert.Equal("assembling", (string?)statusRecord["order"]!["status"]);

        // Setting the status it already has: accepted, no history.
        (status, _) = await api.PostFormAsync($"api/v5/orders/{order.Id}/edit", new Dictionary<string, string> { ["by"] = "id", ["order"] = """{"status":"assembling"}""" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(since + 2, _sandbox.Inspect().LastHistoryId);
    }

    [Fact]
    public async Task Edit_UnknownInactiveStatusOrJsonBody_RefusedWithTheConstants()
    {
        using var api = Syncgrid();
        var order = _sandbox.ListOrders()[1];
        foreach (var code in new[] { "no-such-status", "old-status" })
        {
            var (status, body) = await api.PostFormAsync($"api/v5/orders/{order.Id}/edit", new Dictionary<string, string> { ["by"] = "id", ["order"] = $$"""{"status":"{{code}}"}""" });
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("Order is not loaded", (string?)body!["errorMsg"]);
            Assert.NotNull(body["errors"]!["status"]);
        }

        var (jsonStatus, jsonBody) = await api.PostJsonAsync($"api/v5/orders/{order.Id}/edit?by=id", """{"order":{"status":"complete"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, jsonStatus);
        Assert.Equal("Parameter 'order' is missing", (string?)jsonBody!["errorMsg"]);

        _sandbox.Faults.ErrorsAsArray = true;
        var (_, listForm) = await api.PostFormAsync($"api/v5/orders/{order.Id}/edit", new Dictionary<string, string> { ["by"] = "id", ["order"] = """{"status":"nope"}""" });
        Assert.IsType<JsonArray>(listForm!["errors"]);
    }

    [Fact]
    public async Task History_SinceIdExclusiveAscendingWithCreatedSnapshots()
    {
        using var api = Syncgrid();
        var (_, body) = await api.GetAsync("api/v5/orders/history?filter[sinceId]=0&limit=100");
        var records = body!["history"]!.AsArray();
        var ids = records.Select(r => (long)r!["id"]!).ToList();
        Assert.Equal(ids.Order(), ids);
        var created = records.First(r => r!["created"] is not null)!;
        Assert.Equal("status", (string?)created["field"]);
        Assert.Null(created["oldValue"]);
        Assert.NotNull(created["order"]!["items"]);

        var (_, next) = await api.GetAsync($"api/v5/orders/history?filter[sinceId]={ids[^1]}&limit=20");
        Assert.All(next!["history"]!.AsArray(), r => Assert.True((long)r!["id"]! > ids[^1]));
        Assert.Equal(ids[^1] + 1, (long)next["history"]![0]!["id"]!);
    }

    [Fact]
    public async Task References_StatusesKeyedByCodeAndGroupsWithTheirStatuses()
    {
        using var api = Syncgrid();
        var (_, body) = await api.GetAsync("api/v5/reference/statuses");
        var statuses = body!["statuses"]!.AsObject();
        Assert.Equal("cancel", (string?)statuses["return"]!["group"]);
        Assert.False((bool)statuses["old-status"]!["active"]!);
        var (_, groups) = await api.GetAsync("api/v5/reference/status-groups");
        Assert.Contains("complete", groups!["statusGroups"]!["complete"]!["statuses"]!.AsArray().Select(s => (string?)s));

        _sandbox.SetStatus("complete", "Завершён", "complete", active: false);
        (_, body) = await api.GetAsync("api/v5/reference/statuses");
        Assert.False((bool)body!["statuses"]!["complete"]!["active"]!);
    }

    [Fact]
    public async Task RateLimit_BurstOverTenPerSecond_503WithTheLimitBody()
    {
        await using var limited = await RetailCrmSandbox.StartAsync(new RetailCrmSandboxOptions { BuiltInShop = false });
        using var api = new SandboxConnection(limited.BaseUrl, limited.ApiKey);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.GetAsync("api/v5/reference/statuses")));
        var refused = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, a => Assert.Equal("Rate limit exceeded", (string?)a.Body!["errorMsg"]));
        Assert.Equal(refused.Count, limited.Inspect().LimitHits);
    }

    [Fact]
    public async Task Faults_AfterCommit_EditAppliedAndAnswerLost()
    {
        using var api = Syncgrid();
        var order = _sandbox.ListOrders()[2];
        _sandbox.Faults.AfterCommit = true;
        _sandbox.Faults.Kinds = [RetailCrmFaultKind.Status500];
        _sandbox.Faults.SetRouteRate("orders/{id}/edit", 1);
        var (status, _) = await api.PostFormAsync($"api/v5/orders/{order.Id}/edit", new Dictionary<string, string> { ["by"] = "id", ["order"] = """{"managerComment":"после сбоя"}""" });
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("после сбоя", (string?)_sandbox.GetOrder(order.Id)!["managerComment"]);
    }

    [Fact]
    public void GenerateShopDay_SameSeed_SameFlowWithEveryKindOfChange()
    {
        var report = _sandbox.GenerateShopDay(new RetailCrmShopDay { Orders = 120, Seed = 5 });
        Assert.Equal(120, report.Orders);
        Assert.True(report.RepeatPurchases > 10, $"repeat purchases: {report.RepeatPurchases}");
        Assert.True(report.Cancellations > 0 && report.Returns > 0 && report.Edits > 120 && report.Resends > 0,
            $"cancellations {report.Cancellations}, returns {report.Returns}, edits {report.Edits}, resends {report.Resends}");
        Assert.True(report.People < report.Orders);
        Assert.Equal(report.HistoryRecords, _sandbox.Inspect().LastHistoryId);
    }

    [Fact]
    public async Task Customers_FilterByEmailCaseInsensitiveAndPhoneDigits()
    {
        using var api = Syncgrid();
        var (_, all) = await api.GetAsync("api/v5/customers?limit=100");
        var withEmail = all!["customers"]!.AsArray().First(c => ((string?)c!["email"])?.Length > 0)!;
        var email = ((string)withEmail["email"]!).ToUpperInvariant();
        var (_, byEmail) = await api.GetAsync($"api/v5/customers?filter[email]={Uri.EscapeDataString(email)}");
        Assert.Contains(byEmail!["customers"]!.AsArray(), c => (long)c!["id"]! == (long)withEmail["id"]!);
        var phone = (string)withEmail["phones"]![0]!["number"]!;
        var (_, byPhone) = await api.GetAsync($"api/v5/customers?filter[name]={phone[^10..]}");
        Assert.Contains(byPhone!["customers"]!.AsArray(), c => (long)c!["id"]! == (long)withEmail["id"]!);
    }
}
