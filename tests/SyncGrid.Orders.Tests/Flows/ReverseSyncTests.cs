using SyncGrid.Abstractions.Orders;
using SyncGrid.Sandbox.RetailCrm;

namespace SyncGrid.Orders.Tests.Flows;

/// <summary>Deal stage and comment changes made in Bitrix24 go back to the order, through events or polling, without loops.</summary>
public sealed class ReverseSyncTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task StageAndCommentChangedInBitrix24_OrderStatusAndManagerCommentFollowOnceWithoutEcho()
    {
        await using var h = await OrdersHarness.StartSandboxesAsync();
        h.Retail.GenerateShopDay(new RetailCrmShopDay { Orders = 12, Seed = 3, CancelShare = 0, ReturnShare = 0, Duration = TimeSpan.FromHours(3) });
        await h.StartSiloAsync(new Dictionary<string, string?> { ["Orders:DealPollInterval"] = "00:05:00" });
        await h.StartApiAsync();
        await h.WaitSyncedAsync(Deadline);
        var order = (await h.SnapshotsAsync()).First(s => s.Status is not ("complete" or "send-to-delivery"));
        var dealId = (int)order.Sync.DealId!.Value;
        var ownEditsBefore = h.Retail.Inspect().EditsBySyncGrid;
        var dealUpdatesBefore = h.Portal.Inspect().BatchCommandsByMethod.GetValueOrDefault("crm.deal.update");

        // A manager moves the deal to "Final invoice" and writes a comment in Bitrix24.
        h.Portal.EditAsEmployee("deal", dealId, new Dictionary<string, string?> { ["STAGE_ID"] = "FINAL_INVOICE", ["COMMENTS"] = "Клиент подтвердил адрес" });
        await Eventually.WaitAsync(
            () => Task.FromResult((string?)h.Retail.GetOrder(order.Id)!["status"] == "send-to-delivery" && (string?)h.Retail.GetOrder(order.Id)!["managerComment"] == "Клиент подтвердил адрес"),
            Deadline,
            () => $"order {order.Number} to follow its deal (status {h.Retail.GetOrder(order.Id)!["status"]})");

        // The intake sees SyncGrid's own edit in the history and skips it; the deal is not written again.
        await h.Grains.GetGrain<IOrderIntakeGrain>("retailcrm").PollNowAsync();
        await h.Grains.GetGrain<IDealPollGrain>("default").PollNowAsync();
        await h.WaitSyncedAsync(Deadline);
        Assert.Equal(2, h.Retail.Inspect().EditsBySyncGrid - ownEditsBefore);
        Assert.Equal(dealUpdatesBefore, h.Portal.Inspect().BatchCommandsByMethod.GetValueOrDefault("crm.deal.update"));
        Assert.Equal("FINAL_INVOICE", h.Portal.GetDeal(dealId)!["STAGE_ID"]);
        var sync = await h.Grains.GetGrain<IOrderGrain>(order.Id).GetSyncStateAsync();
        Assert.Equal("send-to-delivery", sync.Status);
        Assert.Null(sync.PendingStatus);
        var events = await h.Log.QueryEventsAsync(new OrderEventQuery { OrderId = order.Id, Limit = 1000 });
        Assert.Contains(events, e => e.Event.Kind == "status.push" && e.Event.Result == "ok");
        Assert.Contains(events, e => e.Event.Kind == "deal.event" && e.Event.Result == "ok");

        // A status changed in RetailCRM moves the deal, and the event of SyncGrid's own write is not sent back.
        h.Retail.EditAsManager(order.Id, new Dictionary<string, string?> { ["status"] = "complete" });
        await Eventually.WaitAsync(() => Task.FromResult(h.Portal.GetDeal(dealId)!["STAGE_ID"] == "WON"), Deadline, () => "the deal to be won");
        await Eventually.WaitAsync(
            async () => (await h.Log.QueryEventsAsync(new OrderEventQuery { OrderId = order.Id, Kind = "deal.event", Result = "skipped", Limit = 1000 })).Count > 0,
            Deadline,
            () => "the echo of SyncGrid's own stage write to be skipped");
        Assert.Equal(2, h.Retail.Inspect().EditsBySyncGrid - ownEditsBefore);
        Assert.Equal("complete", (string?)h.Retail.GetOrder(order.Id)!["status"]);
    }

    [Fact]
    public async Task EventWithWrongToken_RefusedAndPollingFallbackStillConverges()
    {
        await using var h = await OrdersHarness.StartSandboxesAsync();
        h.Retail.GenerateShopDay(new RetailCrmShopDay { Orders = 6, Seed = 4, CancelShare = 0, ReturnShare = 0, Duration = TimeSpan.FromHours(2) });
        await h.StartSiloAsync(new Dictionary<string, string?> { ["Orders:DealPollInterval"] = "00:00:01" });
        await h.StartApiAsync(token: "not-the-configured-token");
        await h.WaitSyncedAsync(Deadline);
        var order = (await h.SnapshotsAsync()).First(s => s.Status != "complete");
        var dealId = (int)order.Sync.DealId!.Value;

        h.Portal.EditAsEmployee("deal", dealId, new Dictionary<string, string?> { ["STAGE_ID"] = "WON" });
        await Eventually.WaitAsync(() => Task.FromResult((string?)h.Retail.GetOrder(order.Id)!["status"] == "complete"), Deadline, () => "the poll to bring the stage back");
        Assert.True(h.Portal.EventStats.Failed > 0, "the portal's events must have been refused");
        var refused = await h.Log.QueryEventsAsync(new OrderEventQuery { Kind = "deal.event", Result = "failed", Limit = 100 });
        Assert.Contains(refused, e => e.Event.Error!.Contains("application token", StringComparison.Ordinal));
        var pushed = await h.Log.QueryEventsAsync(new OrderEventQuery { OrderId = order.Id, Kind = "deal.poll", Result = "ok", Limit = 100 });
        Assert.NotEmpty(pushed);
    }
}
