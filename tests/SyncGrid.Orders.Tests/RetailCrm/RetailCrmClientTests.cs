using System.Diagnostics;
using SyncGrid.Domain.RetailCrm;
using SyncGrid.Sandbox.RetailCrm;

namespace SyncGrid.Orders.Tests.RetailCrm;

/// <summary>The client against the sandbox on loopback: paging, pacing, retries, edits and failure classification (spec §8.4).</summary>
public sealed class RetailCrmClientTests
{
    [Fact]
    public async Task GetOrderHistoryAsync_PagedBySinceId_EveryRecordOnceInOrder()
    {
        await using var h = await RetailCrmHarness.StartAsync(new RetailCrmSandboxOptions { RequestsPerSecond = 100, Burst = 10 }, clientRate: 50);
        h.Sandbox.GenerateShopDay(new RetailCrmShopDay { Orders = 60, Seed = 2 });
        var last = h.Sandbox.Inspect().LastHistoryId;
        var seen = new List<long>();
        long since = 0;
        while (true)
        {
            var page = await h.Client.GetOrderHistoryAsync(since, 100);
            Assert.True(page.IsOk, page.ToString());
            if (page.Value!.Records.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Value.Records.Select(r => r.Id));
            since = page.Value.Records[^1].Id;
        }

        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task GetOrdersAsync_MoreThan100Ids_AllOrdersInChunksAndMissingOnesAbsent()
    {
        await using var h = await RetailCrmHarness.StartAsync(new RetailCrmSandboxOptions { RequestsPerSecond = 100, Burst = 10 }, clientRate: 50);
        h.Sandbox.GenerateShopDay(new RetailCrmShopDay { Orders = 150, Seed = 4 });
        var ids = h.Sandbox.ListOrders().Select(o => o.Id).Append(999_999).ToList();
        var result = await h.Client.GetOrdersAsync(ids);
        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(ids.Count - 1, result.Value!.Count);
        Assert.Equal(2, h.Sandbox.Inspect().RequestsByRoute["orders"]);
        var order = result.Value.First(o => o.Items.Count > 1);
        Assert.Equal(order.Items.Sum(i => i.LineTotal), order.Summ);
        Assert.NotEmpty(order.Number);
        Assert.NotEqual(default, order.CreatedAt);
    }

    [Fact]
    public async Task EditOrderAsync_Status_AppliedAndItsHistoryMarkedAsOwnWrite()
    {
        await using var h = await RetailCrmHarness.StartAsync();
        var target = h.Sandbox.ListOrders().First(o => o.Status == "new" || o.Status == "client-confirmed");
        var before = h.Sandbox.Inspect().LastHistoryId;
        var order = await h.Client.GetOrderAsync(target.Id);
        Assert.True(order.IsOk, order.ToString());
        var edited = await h.Client.EditOrderAsync(target.Id, order.Value!.Site, new RetailCrmOrderEdit { Status = "assembling", ManagerComment = "Позвонить клиенту" });
        Assert.True(edited.IsOk, edited.ToString());
        Assert.Equal("assembling", edited.Value!.Status);
        Assert.Equal("Позвонить клиенту", edited.Value.ManagerComment);
        var history = await h.Client.GetOrderHistoryAsync(before);
        Assert.Equal(2, history.Value!.Records.Count);
        Assert.All(history.Value.Records, r => Assert.True(r.IsOwnWrite));
        Assert.Contains(history.Value.Records, r => r.Field == "status" && r.NewValue == "assembling" && r.OldValue == target.Status);
    }

    [Fact]
    public async Task EditOrderAsync_UnknownStatus_RejectedWithTheStatusField()
    {
        await using var h = await RetailCrmHarness.StartAsync(new RetailCrmSandboxOptions { ConfigureFaults = f => f.ErrorsAsArray = false });
        var target = h.Sandbox.ListOrders()[0];
        var result = await h.Client.EditOrderAsync(target.Id, "syncgrid-shop", new RetailCrmOrderEdit { Status = "nonexistent" });
        Assert.Equal(RetailCrmOutcome.Rejected, result.Outcome);
        Assert.Equal("Order is not loaded", result.Error);
        Assert.Contains("status", result.Fields.Keys);
    }

    [Fact]
    public async Task Pacing_EightConcurrentWorkersAtTheDefaultLimits_NoRateLimitHits()
    {
        await using var h = await RetailCrmHarness.StartAsync(new RetailCrmSandboxOptions { BuiltInShop = true });
        var ids = h.Sandbox.ListOrders().Select(o => o.Id).Take(24).ToList();
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var mine = new List<RetailCrmResult<RetailCrmOrder>>();
            foreach (var id in ids.Where((_, i) => i % 8 == w))
            {
                mine.Add(await h.Client.GetOrderAsync(id));
            }

            return mine;
        })));
        watch.Stop();
        Assert.All(results.SelectMany(r => r), r => Assert.True(r.IsOk, r.ToString()));
        // Starts are spaced 125 ms apart; only transit jitter (connections opening on a loaded machine) can bring two
        // arrivals within the account's 100 ms, and such a refusal is retried.
        Assert.True(h.Sandbox.Inspect().LimitHits <= 1, $"limit hits: {h.Sandbox.Inspect().LimitHits}");
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2.5), $"24 requests at 8/s take about 3 s, took {watch.Elapsed}");
    }

    [Fact]
    public async Task Reads_AccountAtTwoPerSecondAndFaults_CompleteThroughBackoffWithoutLoss()
    {
        await using var h = await RetailCrmHarness.StartAsync(new RetailCrmSandboxOptions { RequestsPerSecond = 2, RandomSeed = 9, ConfigureFaults = f => f.Rate = 0.2 }, clientRate: 8, retries: 8);
        var result = await h.Client.GetOrderHistoryAsync(0, 20);
        var statuses = await h.Client.GetStatusesAsync();
        var orders = await h.Client.GetOrdersAsync(h.Sandbox.ListOrders().Select(o => o.Id).ToList());
        Assert.True(result.IsOk && statuses.IsOk && orders.IsOk, $"{result} {statuses} {orders}");
        Assert.Equal(20, result.Value!.Records.Count);
        Assert.Equal(h.Sandbox.Inspect().Orders, orders.Value!.Count);
        Assert.True(h.Sandbox.Inspect().LimitHits > 0, "the account's 2/s must have refused some of the 8/s");
    }

    [Fact]
    public async Task Classification_WrongKeyWrongUrlAndMapsAsArrays_FatalOrParsed()
    {
        await using var wrongKey = await RetailCrmHarness.StartAsync(apiKey: "not-the-key");
        var denied = await wrongKey.Client.GetCredentialsAsync();
        Assert.Equal(RetailCrmOutcome.Fatal, denied.Outcome);
        Assert.Equal("Wrong \"apiKey\" value.", denied.Error);

        await using var missing = await RetailCrmHarness.StartAsync(new RetailCrmSandboxOptions { ConfigureFaults = f => f.AccountDoesNotExist = true });
        var account = await missing.Client.GetStatusesAsync();
        Assert.Equal(RetailCrmOutcome.Fatal, account.Outcome);
        Assert.Contains("Account does not exist", account.Error, StringComparison.Ordinal);

        await using var h = await RetailCrmHarness.StartAsync(new RetailCrmSandboxOptions { ConfigureFaults = f => f.EmptyMapsAsArray = true });
        var statuses = await h.Client.GetStatusesAsync();
        Assert.True(statuses.IsOk);
        Assert.Contains(statuses.Value!, s => s.Code == "old-status" && !s.Active);
        var credentials = await h.Client.GetCredentialsAsync();
        Assert.Equal(["syncgrid-shop", "syncgrid-b2b"], credentials.Value!.Sites);
    }

    [Fact]
    public void Classify_TruncatedJsonHtmlAndLimitStatuses_UnavailableOrRateLimited()
    {
        Assert.Equal(RetailCrmOutcome.Unavailable, SyncGrid.RetailCrm.RetailCrmClient.Classify(200, "{\"success\":true,\"orders\":[").Outcome);
        Assert.Equal(RetailCrmOutcome.Unavailable, SyncGrid.RetailCrm.RetailCrmClient.Classify(502, "<html>bad gateway</html>").Outcome);
        Assert.Equal(RetailCrmOutcome.RateLimited, SyncGrid.RetailCrm.RetailCrmClient.Classify(503, string.Empty).Outcome);
        Assert.Equal(RetailCrmOutcome.RateLimited, SyncGrid.RetailCrm.RetailCrmClient.Classify(429, "<html/>").Outcome);
        Assert.Equal(RetailCrmOutcome.NotFound, SyncGrid.RetailCrm.RetailCrmClient.Classify(404, "{\"success\":false,\"errorMsg\":\"Not found\"}").Outcome);
        Assert.Equal(RetailCrmOutcome.Fatal, SyncGrid.RetailCrm.RetailCrmClient.Classify(405, "<html>account</html>").Outcome);
    }
}
