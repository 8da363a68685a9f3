using SyncGrid.Abstractions;
using SyncGrid.Grains.Ingest;
using Xunit.Abstractions;

namespace SyncGrid.IntegrationTests.Chaos;

/// <summary>
/// Three silos run the whole sync of a generated data set; while companies are being pushed, the silo that holds the
/// Bitrix24 gateway grain is killed hard. The gateway comes back on a survivor, the dead silo's stream queues and
/// grains move, and the run completes with the expected outcome exactly: no record lost, no Bitrix24 duplicate.
/// </summary>
[Collection(ChaosTestGroup.Name)]
[Trait("Category", "Integration")]
public sealed class GatewaySiloKillTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact(Timeout = 200_000)]
    public async Task GatewaySiloKilledMidRun_NoRecordLostNoDuplicate_FinalStateExact()
    {
        using var timeout = new CancellationTokenSource(Limit);
        var ct = timeout.Token;
        await using var run = await ChaosPipeline.StartAsync(new ChaosSettings { Silos = 3 }, output, ct);
        var feed = FeedAsync(run, ct);

        // Mid-run: some companies are in the portal, many are not yet.
        var expected = run.Generated.Expected.Bitrix24.Companies;
        await UntilAsync(() => PortalCompanies(run) >= expected / 5, "a fifth of the companies in the portal", ct);
        var gateway = run.Cluster.Client.GetGrain<IBitrix24GatewayGrain>("default");
        var host = await run.HostOfAsync(gateway);
        Assert.NotNull(host);
        var coordinatorHost = await run.HostOfAsync(run.Cluster.Client.GetGrain<IStoreACoordinatorGrain>(StoreAStreams.DefaultSource));
        var victim = run.Cluster.Silos.Single(s => s.SiloAddress.Equals(host));
        var atKill = PortalCompanies(run);
        await run.Cluster.KillSiloAsync(victim);

        // The time in the portal's zone (+03:00), to compare with DATE_CREATE when a duplicate is reported.
        run.Log($"killed at {TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(3)):O} {victim.SiloAddress}, the gateway's silo{(victim.SiloAddress.Equals(coordinatorHost) ? " (and store A's coordinator's)" : string.Empty)}, with {atKill}/{expected} companies in the portal");
        Assert.True(atKill < expected, $"the kill came after all {expected} companies were pushed: not in the middle of the run");

        await feed;
        var check = await run.ConvergeAsync(Patience, ct);

        Assert.True(check.Passed, ChaosPipeline.Describe(check));
        var inspection = run.Portal.Inspect();
        Assert.Empty(inspection.OriginDuplicates);
        Assert.Empty(inspection.MultiFieldDuplicates);
        Assert.Empty(run.KeyDuplicates());
        var newHost = await run.HostOfAsync(gateway);
        Assert.True(newHost is not null && !newHost.Equals(victim.SiloAddress), $"the gateway should live on a survivor now, found on {newHost}");
        run.Log($"done: the gateway moved from {victim.SiloAddress} to {newHost}");
    }

    private static int PortalCompanies(ChaosPipeline run) => run.Portal.Inspect().EntityCounts.GetValueOrDefault("company");

    /// <summary>Every store B record: the exports oldest first, then (once they are in the grid) the change events.</summary>
    private static async Task FeedAsync(ChaosPipeline run, CancellationToken ct)
    {
        await run.PublishExportsAsync(run.Exports, ct);
        await run.PublishEventsAsync(ct);
    }

    private static Task UntilAsync(Func<bool> condition, string what, CancellationToken ct) =>
        Eventually.UntilAsync(() => Task.FromResult(condition()), what, Patience, cancellationToken: ct);
}
