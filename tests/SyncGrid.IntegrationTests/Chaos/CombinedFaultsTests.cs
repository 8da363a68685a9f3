using SyncGrid.Sandbox.Bitrix24;
using Xunit.Abstractions;

namespace SyncGrid.IntegrationTests.Chaos;

/// <summary>
/// Three silos run the whole sync of a generated data set while everything outside them misbehaves at once: the
/// Bitrix24 portal answers a fifth of its requests with a 5xx and loses the answers of some committed writes, the
/// register goes down for a while, and a Kafka broker goes down and comes back. The run ends with the expected
/// outcome exactly and not one duplicate in the portal.
/// </summary>
[Collection(ChaosTestGroup.Name)]
[Trait("Category", "Integration")]
public sealed class CombinedFaultsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    // The issue's register outage lasts a minute; it is scaled down with the rest of the run (retries back off from 1 s
    // to 5 s here instead of 5 s to 10 minutes), so the test stays bounded.
    private static readonly TimeSpan RegisterOutage = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan BrokerOutage = TimeSpan.FromSeconds(8);

    [Fact(Timeout = 200_000)]
    public async Task PortalFaultsRegisterOutageBrokerDown_FinalStateExact_NoDuplicate()
    {
        using var timeout = new CancellationTokenSource(Limit);
        var ct = timeout.Token;
        await using var run = await ChaosPipeline.StartAsync(
            new ChaosSettings
            {
                Silos = 3,
                Brokers = 3,
                PortalFaults = f =>
                {
                    // 20 % of requests fail with a 5xx before anything runs; some committed writes lose their answer.
                    f.ErrorRate5xx = 0.2;
                    f.SetFailAfterCommit("crm.company.add", 0.1, Bitrix24CommitFailure.Status500);
                    f.SetFailAfterCommit("crm.company.update", 0.1, Bitrix24CommitFailure.Drop);
                    f.SetFailAfterCommit("crm.requisite.add", 0.05, Bitrix24CommitFailure.Timeout);
                    f.SetFailAfterCommit("crm.requisite.bankdetail.add", 0.05, Bitrix24CommitFailure.Drop);
                    f.SetFailAfterCommit("crm.contact.add", 0.1, Bitrix24CommitFailure.Drop);
                },
            },
            output,
            ct);
        var feed = FeedAsync(run, ct);
        var brokerDown = BrokerDownAndUpAsync(run, ct);
        var registerDown = RegisterOutageAsync(run, ct);

        await Task.WhenAll(feed, brokerDown, registerDown);
        var check = await run.ConvergeAsync(Patience, ct);

        Assert.True(check.Passed, ChaosPipeline.Describe(check));
        var inspection = run.Portal.Inspect();
        Assert.Empty(inspection.OriginDuplicates);
        Assert.Empty(inspection.MultiFieldDuplicates);
        Assert.Empty(run.KeyDuplicates());

        // The faults fired: the portal answered 5xx and dropped answers, the register answered 5xx during its outage.
        var status = inspection.RequestsByStatus;
        run.Log($"portal answers by status: {string.Join(", ", status.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}; register answers by status: "
            + string.Join(", ", run.Register.Stats.ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(status.Where(s => s.Key >= 500).Sum(s => s.Value) > 0 && status.GetValueOrDefault(0) > 0, "the portal's 5xx and dropped answers must have fired");
        Assert.True(run.Register.Stats.ByStatus.Where(s => s.Key >= 500).Sum(s => s.Value) > 0, "the register outage must have refused lookups");
        Assert.Equal(0, inspection.QueryLimitErrors + inspection.OperatingLimitErrors);
    }

    /// <summary>
    /// While the exports are being ingested, broker 1 becomes the leader of every partition and the consumer group's
    /// coordinator (as an election could make it), then goes down and comes back: reading, committing and store A's
    /// publishing all wait for it.
    /// </summary>
    private static async Task BrokerDownAndUpAsync(ChaosPipeline run, CancellationToken ct)
    {
        await UntilAsync(async () => await run.CommittedRecordsAsync(ct) >= 100, "100 records ingested", ct);
        foreach (var topic in ChaosPipeline.Topics)
        {
            for (var partition = 0; partition < run.Partitions; partition++)
            {
                run.Kafka.SetPartitionLeader(topic, partition, 1);
            }
        }

        run.Kafka.SetGroupCoordinator(run.ConsumerGroup, 1);
        var committed = await run.CommittedRecordsAsync(ct);
        run.Kafka.SetBrokerDown(1);
        run.Log($"broker 1 of 3, leader of every partition and the group's coordinator, down for {BrokerOutage.TotalSeconds:F0} s with {committed:N0} records committed");
        await Task.Delay(BrokerOutage, ct);
        run.Kafka.SetBrokerUp(1);
        run.Log("broker 1 up again");
    }

    /// <summary>The register goes down while companies are being validated.</summary>
    private static async Task RegisterOutageAsync(ChaosPipeline run, CancellationToken ct)
    {
        var expected = run.Generated.Expected.Bitrix24.Companies;
        await UntilAsync(() => Task.FromResult(run.Register.Stats.Requests >= expected / 10), "a tenth of the register lookups made", ct);
        var lookups = run.Register.Stats.Requests;
        run.Register.StartOutage(RegisterOutage);
        run.Log($"register down for {RegisterOutage.TotalSeconds:F0} s after {lookups} lookups, {run.Portal.Inspect().EntityCounts.GetValueOrDefault("company")}/{expected} companies in the portal");
    }

    /// <summary>Every store B record: the exports oldest first, then (once they are in the grid) the change events.</summary>
    private static async Task FeedAsync(ChaosPipeline run, CancellationToken ct)
    {
        await run.PublishExportsAsync(run.Exports, ct);
        await run.PublishEventsAsync(ct);
    }

    private static Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken ct) =>
        Eventually.UntilAsync(condition, what, Patience, cancellationToken: ct);
}
