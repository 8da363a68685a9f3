using SyncGrid.Kafka;
using SyncGrid.Testing;
using Xunit.Abstractions;

namespace SyncGrid.IntegrationTests.Chaos;

/// <summary>
/// One silo ingests a generated data set; two more silos join while it does. The Kafka partitions (stream queues)
/// spread over the three silos, each new silo reads records and hosts company grains, and the run ends with the
/// expected outcome exactly. Records/s before and after the join are written to the test output, not asserted: on a
/// shared two-core machine three silos in one process need not be faster than one.
/// </summary>
[Collection(ChaosTestGroup.Name)]
[Trait("Category", "Integration")]
public sealed class ClusterScaleOutTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private const string Consumed = "syncgrid.kafka.records.consumed";

    [Fact(Timeout = 200_000)]
    public async Task TwoSilosJoinMidRun_QueuesAndGrainsSpreadToThem_FinalStateExact()
    {
        using var timeout = new CancellationTokenSource(Limit);
        var ct = timeout.Token;

        // Store A is read slowly (100 rows/s) so that its rows keep coming after the join.
        await using var run = await ChaosPipeline.StartAsync(new ChaosSettings { Companies = 2_000, Silos = 1, StoreARowsPerSecond = 100 }, output, ct);
        var first = run.Cluster.Silos.Single();
        using var firstMetrics = run.RecordMetrics(first);
        await UntilAsync(() => Task.FromResult(Partitions(firstMetrics) == 3 * 8), "all 24 partitions owned by the first silo", ct);

        // One silo ingests the older exports.
        var exports = run.Exports;
        var started = run.Elapsed;
        await run.PublishExportsAsync(exports.Take(exports.Count - 1), ct);
        await UntilAsync(async () => await run.CommittedRecordsAsync(ct) >= 300, "300 records ingested by the first silo", ct);
        var before = await run.CommittedRecordsAsync(ct);
        var beforeRate = before / (run.Elapsed - started).TotalSeconds;

        // Two silos join while it works.
        var joining = run.Elapsed;
        var joined = await run.Cluster.StartAdditionalSilosAsync(2, false, ct);
        using var secondMetrics = run.RecordMetrics(joined[0]);
        using var thirdMetrics = run.RecordMetrics(joined[1]);
        var atJoin = await run.CommittedRecordsAsync(ct);
        run.Log($"2 silos joined in {(run.Elapsed - joining).TotalSeconds:F1} s; {atJoin:N0} records committed by then");

        // The queue balancer hands each of them a share of the 24 partitions (the first silo releases what it hands over).
        List<int> shares = [];
        await UntilAsync(
            () =>
            {
                shares = [.. new[] { firstMetrics, secondMetrics, thirdMetrics }.Select(Partitions)];
                return Task.FromResult(shares.Sum() == 3 * 8 && shares.All(s => s > 0));
            },
            "the 24 partitions spread over the three silos",
            ct);
        run.Log($"partitions per silo after the join: {string.Join(" / ", shares)}");

        // The rest arrives while three silos read: the current export's second part, then the change events.
        var afterStart = run.Elapsed;
        var atSpread = await run.CommittedRecordsAsync(ct);
        await run.PublishExportsAsync(exports.Skip(exports.Count - 1), ct);
        await run.PublishEventsAsync(ct);
        var check = await run.ConvergeAsync(Patience, ct);
        var total = await run.CommittedRecordsAsync(ct);
        var afterRate = (total - atSpread) / ((run.DrainedAt ?? run.Elapsed) - afterStart).TotalSeconds;

        Assert.True(check.Passed, ChaosPipeline.Describe(check));
        var inspection = run.Portal.Inspect();
        Assert.Empty(inspection.OriginDuplicates);
        Assert.Empty(inspection.MultiFieldDuplicates);
        Assert.Empty(run.KeyDuplicates());

        // Each new silo received work: records read from its partitions, and company grains activated on it.
        var consumed = new[] { firstMetrics, secondMetrics, thirdMetrics }.Select(m => (long)m.Sum(Consumed)).ToList();
        var companies = await run.ActivationsAsync("CompanyGrain");
        var activations = new[] { first, joined[0], joined[1] }.Select(s => companies.GetValueOrDefault(s.SiloAddress)).ToList();
        run.Log($"records read per silo (the first over the whole run, the new ones since they joined): {string.Join(" / ", consumed)}; company grains per silo: {string.Join(" / ", activations)}");
        run.Log($"records/s committed: {beforeRate:F0} with one silo (first {before:N0} records), {afterRate:F0} with three ({total - atSpread:N0} records once the partitions had spread, till the sources were drained)");
        Assert.All(consumed.Skip(1), c => Assert.True(c > 0, $"a new silo read no record: {string.Join(" / ", consumed)}"));
        Assert.All(activations.Skip(1), a => Assert.True(a > 0, $"a new silo hosts no company grain: {string.Join(" / ", activations)}"));
    }

    /// <summary>The partitions a silo's stream receivers own now, over the three topics.</summary>
    private static int Partitions(MetricsRecorder metrics) => (int)metrics.Observe(KafkaMetrics.PartitionsInstrument).Sum(r => r.Value);

    private static Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken ct) =>
        Eventually.UntilAsync(condition, what, Patience, cancellationToken: ct);
}
