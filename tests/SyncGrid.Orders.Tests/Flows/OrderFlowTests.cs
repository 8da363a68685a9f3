using System.Globalization;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Sandbox.RetailCrm;

namespace SyncGrid.Orders.Tests.Flows;

/// <summary>End to end against both sandboxes at their default limits: a day of a shop's orders into Bitrix24 deals.</summary>
public sealed class OrderFlowTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task DayOfOrders_WithEditsResendsCancellationsReturns_OneDealPerOrderOneContactPerPersonTasksForFailures()
    {
        await using var h = await OrdersHarness.StartSandboxesAsync();
        var report = h.Retail.GenerateShopDay(new RetailCrmShopDay { Orders = 60, Seed = 21, CorporateShare = 0 });
        await h.StartSiloAsync();
        await h.WaitSyncedAsync(Deadline);

        var snapshots = await h.SnapshotsAsync();
        var deals = h.Entities("deal");
        Assert.Equal(report.Orders, snapshots.Count);
        Assert.Equal(report.Orders, deals.Count);
        Assert.Empty(h.Portal.Inspect().OriginDuplicates);
        Assert.Equal(snapshots.Count, snapshots.Select(s => s.Sync.DealId).Distinct().Count());
        foreach (var (id, number, status, sync) in snapshots)
        {
            var deal = deals.Single(d => (string?)d["ORIGIN_ID"] == id.ToString(CultureInfo.InvariantCulture));
            Assert.Equal($"Order No. {number}", (string?)deal["TITLE"]);
            Assert.Equal(sync.DealId!.Value.ToString(CultureInfo.InvariantCulture), (string?)deal["ID"]);
        }

        // One contact per person, whatever the number of their orders and customer cards.
        var contacts = h.Entities("contact");
        Assert.Equal(report.People, contacts.Count);
        Assert.Equal(report.People, snapshots.Select(s => s.Sync.ContactId).Distinct().Count());
        var repeat = snapshots.GroupBy(s => s.Sync.ContactId).First(g => g.Count() > 1);
        var contact = contacts.Single(c => (string?)c["ID"] == repeat.Key!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(repeat.Count().ToString(CultureInfo.InvariantCulture), (string?)contact["UF_CRM_SG_ORDERS_COUNT"]);

        // A task for each cancellation and return, bound to its deal.
        var failed = snapshots.Where(s => s.Status is "cancel-other" or "no-call" or "return").ToList();
        Assert.NotEmpty(failed);
        var tasks = h.Portal.Tasks();
        Assert.True(failed.Count == tasks.Count, string.Join("; ", tasks.Select(t => $"{t.Title} {string.Join(",", t.Crm)}")) + " | " + string.Join("; ", failed.Select(f => $"{f.Number} {f.Status} D_{f.Sync.DealId}")));
        Assert.All(failed, f => Assert.Contains(tasks, t => t.Crm.Contains($"D_{f.Sync.DealId}")));

        // Resending the whole history changes nothing in Bitrix24.
        var before = h.Portal.Inspect();
        var intake = h.Grains.GetGrain<IOrderIntakeGrain>("retailcrm");
        await intake.RewindAsync(0);
        await intake.PollNowAsync();
        var after = h.Portal.Inspect();
        Assert.Equal(before.EntityCounts, after.EntityCounts);
        static long Writes(IReadOnlyDictionary<string, long> commands) => commands.Where(c => !c.Key.EndsWith(".list", StringComparison.Ordinal) && !c.Key.EndsWith(".get", StringComparison.Ordinal)).Sum(c => c.Value);
        Assert.Equal(Writes(before.BatchCommandsByMethod), Writes(after.BatchCommandsByMethod));
        var counts = await h.Log.CountEventsAsync();
        Assert.True(counts.GetValueOrDefault("in/retailcrm/order.change/skipped") >= report.Orders, string.Join(", ", counts));
    }

    [Fact]
    public async Task SiloStateLost_WholeHistoryResent_DealsContactsAndTasksAdoptedNotDoubled()
    {
        await using var h = await OrdersHarness.StartSandboxesAsync();
        h.Retail.GenerateShopDay(new RetailCrmShopDay { Orders = 25, Seed = 22, CorporateShare = 0 });
        await h.StartSiloAsync();
        await h.WaitSyncedAsync(Deadline);
        var before = h.Portal.Inspect().EntityCounts;
        var tasks = h.Portal.Tasks().Count;

        // A new silo on empty in-memory state: the intake starts from history id 0 and every order is sent again.
        await h.StopSiloAsync();
        await h.StartSiloAsync();
        await h.WaitSyncedAsync(Deadline);

        Assert.Equal(before.GetValueOrDefault("deal"), h.Portal.Inspect().EntityCounts.GetValueOrDefault("deal"));
        Assert.Equal(before.GetValueOrDefault("contact"), h.Portal.Inspect().EntityCounts.GetValueOrDefault("contact"));
        Assert.Equal(tasks, h.Portal.Tasks().Count);
        Assert.Empty(h.Portal.Inspect().OriginDuplicates);
        Assert.All(await h.SnapshotsAsync(), s => Assert.NotNull(s.Sync.DealId));
    }
}
