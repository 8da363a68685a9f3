using Microsoft.Extensions.Options;
using SyncGrid.Sandbox.Bitrix24;
using SyncGrid.Sandbox.RetailCrm;

namespace SyncGrid.Orders.Tests.Flows;

/// <summary>Injected faults open incidents with their history and one alert each; the dictionary is checked at start.</summary>
public sealed class IncidentTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task InjectedFaults_IncidentPerFailingOrderOneAlertEachClosedWhenSynced_NoDuplicateDeal()
    {
        await using var h = await OrdersHarness.StartSandboxesAsync();
        h.Retail.GenerateShopDay(new RetailCrmShopDay { Orders = 8, Seed = 8, CancelShare = 0, ReturnShare = 0, Duration = TimeSpan.FromHours(2) });
        // Every request holding a deal add or a deal lookup runs and its answer is lost (the duplicate trap), and
        // RetailCRM drops a fifth of the requests.
        h.Portal.Faults.SetFailAfterCommit("crm.deal.add", 1, Bitrix24CommitFailure.Status500);
        h.Portal.Faults.SetFailAfterCommit("crm.deal.list", 1, Bitrix24CommitFailure.Drop);
        h.Retail.Faults.Rate = 0.2;
        await h.StartSiloAsync();
        await Eventually.WaitAsync(
            async () => (await h.Log.ListIncidentsAsync(openOnly: true, null, 100)).Count(i => i.Scope == "order" && i.Failures >= 2) >= 8,
            TimeSpan.FromSeconds(40),
            () => "each order's incident to fail at least twice: " + string.Join("; ", h.Log.ListIncidentsAsync(false, null, 100).Result.Select(i => $"{i.Id} {i.Code} {i.Failures} {i.ClosedAt} {i.LastError}"))
                + " | " + string.Join("; ", h.SnapshotsAsync().Result.Select(x => $"{x.Id} {x.Number} {x.Sync.State} {x.Sync.Exists} {x.Sync.LastError}"))
                + " | intake " + System.Text.Json.JsonSerializer.Serialize(h.Grains.GetGrain<SyncGrid.Abstractions.Orders.IOrderIntakeGrain>("retailcrm").GetStateAsync().Result) + " history " + h.Retail.Inspect().LastHistoryId);
        h.Portal.Faults.Reset();
        h.Retail.Faults.Reset();
        await h.WaitSyncedAsync(Deadline);

        var incidents = (await h.Log.ListIncidentsAsync(openOnly: false, null, 100)).Where(i => i.Scope == "order").ToList();
        Assert.Equal(8, incidents.Select(i => i.OrderId).Distinct().Count());
        Assert.All(incidents, i => Assert.NotNull(i.ClosedAt));
        Assert.All(incidents, i => Assert.True(i.Failures >= 2, $"{i.Id}: {i.Failures} failures"));
        var notifications = h.Portal.NotificationsSent();
        foreach (var incident in incidents)
        {
            // One live alert per incident and recipient (the manager and user 1), tagged with the incident, although it
            // failed several times; an alert whose answer was lost is sent again with the same tag, which replaces it.
            var alerts = notifications.Where(n => n.Tag!.StartsWith($"syncgrid-incident-{incident.Id}-u", StringComparison.Ordinal)).ToList();
            var recipients = h.Retail.GetOrder(incident.OrderId!.Value)!["managerId"] is null ? 1 : 2;
            Assert.Equal(recipients, alerts.Count);
            Assert.Equal(recipients, alerts.Select(a => a.UserId).Distinct().Count());
            var history = await h.Log.IncidentHistoryAsync(incident.Id);
            Assert.True(history.Count(l => l.What == "alerted") <= 1);
            Assert.Equal("opened", history[0].What);
            Assert.Equal("resolved", history[^1].What);
            Assert.Contains(history, l => l.What == "failed again");
        }

        // The lost adds were found by ORIGIN_ID, never added twice.
        Assert.Equal(8, h.Entities("deal").Count);
        Assert.Empty(h.Portal.Inspect().OriginDuplicates);
    }

    [Fact]
    public async Task UnmappedStatus_IncidentRetriedWithoutANewAlertClosedWhenMapped()
    {
        await using var h = await OrdersHarness.StartSandboxesAsync();
        h.Retail.GenerateShopDay(new RetailCrmShopDay { Orders = 4, Seed = 9, CancelShare = 0, ReturnShare = 0, Duration = TimeSpan.FromHours(1) });
        await h.StartSiloAsync();
        await h.WaitSyncedAsync(Deadline);
        var orders = await h.SnapshotsAsync();

        // A status added in RetailCRM after the dictionary was written: its orders wait with an incident.
        h.Retail.SetStatus("on-hold", "Отложен", "approval", active: true);
        foreach (var order in orders)
        {
            h.Retail.EditAsManager(order.Id, new Dictionary<string, string?> { ["status"] = "on-hold" });
        }

        await Eventually.WaitAsync(
            async () => (await h.Log.ListIncidentsAsync(openOnly: true, null, 100)).Count(i => i.Code == "status.unmapped" && i.Failures >= 3 && i.Alerted) == orders.Count,
            Deadline,
            () => "an alerted incident per order that failed three times");
        var notifies = h.Portal.Inspect().BatchCommandsByMethod.GetValueOrDefault("im.notify.system.add");
        var sent = h.Portal.NotificationsSent();
        Assert.True(sent.Count == notifies, string.Join("; ", sent.Select(n => $"{n.UserId} {n.Tag}")) + " | " + string.Join("; ", (await h.Log.ListIncidentsAsync(false, null, 100)).Select(i => $"{i.Id} {i.Code} {i.Failures} {i.Alerted} [{string.Join(",", h.Log.IncidentHistoryAsync(i.Id).Result.Select(l => l.What + ":" + l.Detail))}]")) + " statuses " + string.Join(",", h.Portal.Inspect().RequestsByStatus));
        foreach (var incident in await h.Log.ListIncidentsAsync(openOnly: true, null, 100))
        {
            var alerts = sent.Where(n => n.Tag!.StartsWith($"syncgrid-incident-{incident.Id}-u", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(alerts);
            Assert.Equal(alerts.Count, alerts.Select(a => a.UserId).Distinct().Count());
        }

        foreach (var order in orders)
        {
            h.Retail.EditAsManager(order.Id, new Dictionary<string, string?> { ["status"] = "assembling" });
        }

        await h.WaitSyncedAsync(Deadline);
        Assert.Empty(await h.Log.ListIncidentsAsync(openOnly: true, null, 100));
        Assert.Equal(notifies, h.Portal.Inspect().BatchCommandsByMethod.GetValueOrDefault("im.notify.system.add"));
    }

    [Fact]
    public async Task Startup_UnknownStatusOrStage_SiloRefusesToStartNamingTheSetting()
    {
        await using var h = await OrdersHarness.StartSandboxesAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => h.StartSiloAsync(new Dictionary<string, string?>
        {
            ["Orders:Pipelines:0:Statuses:3:Status"] = "prepaid-typo",
            ["Orders:Pipelines:0:Statuses:4:Stage"] = "C0:NOPE",
        }));
        var messages = Flatten(error).Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.Contains("Orders:Pipelines:0:Statuses:3:Status", StringComparison.Ordinal) && m.Contains("prepaid-typo", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Orders:Pipelines:0:Statuses:4:Stage", StringComparison.Ordinal) && m.Contains("C0:NOPE", StringComparison.Ordinal));
        Assert.Contains(Flatten(error), e => e is OptionsValidationException);
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        yield return e;
        foreach (var inner in e is AggregateException a ? a.InnerExceptions : e.InnerException is { } i ? [i] : [])
        {
            foreach (var x in Flatten(inner))
            {
                yield return x;
            }
        }
    }
}
