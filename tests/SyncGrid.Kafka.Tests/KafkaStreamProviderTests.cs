using SyncGrid.Kafka.Mock;

namespace SyncGrid.Kafka.Tests;

[Trait("Category", "Integration")]
public sealed class KafkaStreamProviderTests : IDisposable
{
    private const int Partitions = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly MockKafkaCluster _kafka = new(3);

    public KafkaStreamProviderTests() => _kafka.CreateTopic("ingest", Partitions);

    public void Dispose() => _kafka.Dispose();

    [Fact]
    public async Task Publish_ThousandsOfEventsOnManyStreams_AllReachGrainStateAndCommitsReachTheEnd()
    {
        var probe = new DeliveryProbe();
        await using var grid = await KafkaGrid.StartAsync(_kafka, "ingest", probe);

        await grid.PublishAsync(streams: 200, perStream: 20);

        await WaitUntil(() => probe.Distinct == 4000, () => $"distinct deliveries {probe.Distinct}/4000");
        await WaitUntil(() => grid.Offsets(Partitions).All(o => o.Committed == o.End), () => $"offsets {Describe(grid)}");
        Assert.Equal(4000, grid.Offsets(Partitions).Sum(o => o.End));
        foreach (var s in new[] { 0, 57, 199 })
        {
            var seqs = await grid.Cluster.Client.GetGrain<IRecordingConsumerGrain>(KafkaGrid.StreamKey(s)).GetSeqsAsync();
            Assert.Equal(Enumerable.Range(0, 20), seqs.Order());
        }
    }

    [Fact]
    public async Task Deliver_ConsumerThrowsForAWhile_CommitStaysBeforeFailingBatchThenCatchesUp()
    {
        var probe = new DeliveryProbe();
        var failing = KafkaGrid.StreamKey(3);
        probe.FailWhen = e => e.Stream == failing && e.Seq == 5;
        await using var grid = await KafkaGrid.StartAsync(_kafka, "ingest", probe);
        var partition = SyncGrid.Kafka.Streams.KafkaPartitioner.PartitionFor(System.Text.Encoding.UTF8.GetBytes(failing), Partitions);

        await PublishOnOneStreamAsync(grid, 3, 10);

        await WaitUntil(() => probe.FailedAttempts >= 3, () => $"failed attempts {probe.FailedAttempts}");
        // The stream's own records are offsets 0..9 of its partition; seq 5 is offset 5 and must stay uncommitted.
        Assert.True(grid.Offsets(Partitions)[partition].Committed <= 5, $"committed {grid.Offsets(Partitions)[partition].Committed} passed the failing offset 5");
        Assert.False(probe.Seen(failing, 6));

        probe.FailWhen = null;
        await WaitUntil(() => probe.Seen(failing, 9), () => "seq 9 after the failure cleared");
        await WaitUntil(() => grid.Offsets(Partitions)[partition].Committed == 10, () => $"offsets {Describe(grid)}");
        Assert.Equal(10, (await grid.Cluster.Client.GetGrain<IRecordingConsumerGrain>(failing).GetSeqsAsync()).Count);
    }

    [Fact]
    public async Task Restart_AfterCommittedDelivery_NothingLostAndNothingRedeliveredBeforeTheCommit()
    {
        var before = new DeliveryProbe();
        await using (var grid = await KafkaGrid.StartAsync(_kafka, "ingest", before))
        {
            await grid.PublishAsync(streams: 50, perStream: 10);
            await WaitUntil(() => before.Distinct == 500, () => $"distinct {before.Distinct}/500");
            await WaitUntil(() => grid.Offsets(Partitions).All(o => o.Committed == o.End), () => $"offsets {Describe(grid)}");
        }

        var after = new DeliveryProbe();
        await using var restarted = await KafkaGrid.StartAsync(_kafka, "ingest", after);
        await restarted.PublishAsync(streams: 50, perStream: 10, firstSeq: 10);

        await WaitUntil(() => after.Distinct == 500, () => $"distinct after restart {after.Distinct}/500");
        await WaitUntil(() => restarted.Offsets(Partitions).All(o => o.Committed == o.End), () => $"offsets {Describe(restarted)}");
        Assert.Equal(1000, restarted.Offsets(Partitions).Sum(o => o.End));
        Assert.DoesNotContain(Enumerable.Range(0, 50), s => Enumerable.Range(0, 10).Any(i => after.Seen(KafkaGrid.StreamKey(s), i)));
    }

    [Fact]
    public async Task TwoSilos_PartitionsSpread_BothSilosDeliver()
    {
        var probe = new DeliveryProbe();
        await using var grid = await KafkaGrid.StartAsync(_kafka, "ingest", probe, silos: 2);

        await grid.PublishAsync(streams: 100, perStream: 5);

        await WaitUntil(() => probe.Distinct == 500, () => $"distinct {probe.Distinct}/500");
        Assert.Equal(2, probe.BySilo.Count);
        Assert.All(probe.BySilo.Values, n => Assert.True(n > 0));
    }

    private static async Task PublishOnOneStreamAsync(KafkaGrid grid, int stream, int count)
    {
        var key = KafkaGrid.StreamKey(stream);
        var s = grid.Cluster.Client.GetStreamProvider(KafkaTestNames.Provider).GetStream<TestEvent>(StreamId.Create(KafkaTestNames.Namespace, key));
        for (var i = 0; i < count; i++)
        {
            await s.OnNextAsync(new TestEvent(key, i));
        }
    }

    private static string Describe(KafkaGrid grid) => string.Join(" ", grid.Offsets(Partitions).Select((o, p) => $"p{p}={o.Committed}/{o.End}"));

    private static async Task WaitUntil(Func<bool> condition, Func<string> state)
    {
        using var deadline = new CancellationTokenSource(Patience);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Not reached within {Patience}: {state()}");
            }

            await tick.WaitForNextTickAsync(deadline.Token).AsTask().ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }
}
