using SyncGrid.Abstractions.Orders;
using SyncGrid.Sandbox.RetailCrm;
using SyncGrid.Storage.Schema;
using SyncGrid.Testing;

namespace SyncGrid.Orders.Tests.Flows;

/// <summary>The order flows on MariaDB: a silo stopped and started again resumes from the last processed history id.</summary>
[Trait("Category", "Integration")]
public sealed class OrderRestartTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Restart_MoreOrdersAndEditsMeanwhile_ResumesFromTheLastHistoryIdReadingEachRecordOnce()
    {
        await using var database = await TestDatabase.CreateAsync("orders");
        await SchemaMigrator.MigrateAsync(database.ConnectionString);
        await using var h = await OrdersHarness.StartSandboxesAsync(database.ConnectionString);
        var first = h.Retail.GenerateShopDay(new RetailCrmShopDay { Orders = 30, Seed = 31, CorporateShare = 0, Start = DateTimeOffset.Parse("2026-03-01T00:00:00+03:00", System.Globalization.CultureInfo.InvariantCulture) });
        await h.StartSiloAsync();
        await h.WaitSyncedAsync(Deadline);
        var before = await h.Grains.GetGrain<IOrderIntakeGrain>("retailcrm").GetStateAsync();
        Assert.Equal(first.HistoryRecords, before.LastHistoryId);
        await h.StopSiloAsync();

        // While the silo is down: a second day of orders, and managers keep working on the first day's.
        var second = h.Retail.GenerateShopDay(new RetailCrmShopDay { Orders = 30, Seed = 32, CorporateShare = 0, Start = DateTimeOffset.Parse("2026-03-02T00:00:00+03:00", System.Globalization.CultureInfo.InvariantCulture) });
        foreach (var order in h.Retail.ListOrders().Where(o => o.Status == "complete").Take(3))
        {
            h.Retail.EditAsManager(order.Id, new Dictionary<string, string?> { ["managerComment"] = "После перезапуска" });
        }

        await h.StartSiloAsync();
        await h.WaitSyncedAsync(Deadline);
        var after = await h.Grains.GetGrain<IOrderIntakeGrain>("retailcrm").GetStateAsync();
        var last = h.Retail.Inspect().LastHistoryId;
        Assert.Equal(last, after.LastHistoryId);
        Assert.Equal(last, after.RecordsRead);
        Assert.True(after.Batches > before.Batches);

        var snapshots = await h.SnapshotsAsync();
        Assert.Equal(first.Orders + second.Orders, snapshots.Count);
        Assert.Equal(snapshots.Count, h.Entities("deal").Count);
        Assert.Empty(h.Portal.Inspect().OriginDuplicates);
        Assert.Equal(snapshots.Select(s => s.Sync.ContactId).Distinct().Count(), h.Entities("contact").Count);
        Assert.Equal(3, h.Entities("deal").Count(d => (string?)d["COMMENTS"] == "После перезапуска"));

        // The event log and the order index are on MariaDB.
        var counts = await h.Log.CountEventsAsync();
        var adds = await h.Log.QueryEventsAsync(new OrderEventQuery { Kind = "deal.add", Limit = 1000 });
        Assert.True(first.Orders + second.Orders == counts["out/bitrix24/deal.add/ok"], string.Join("\n", adds.OrderBy(a => a.Event.OrderId).Select(a => $"{a.Id} {a.Event.OrderId} {a.Event.DealId} {a.Event.At:O} {a.Event.Result}")));
        Assert.Equal(snapshots[0].Id, await h.Log.FindOrderIdAsync(snapshots[0].Number));
    }
}
