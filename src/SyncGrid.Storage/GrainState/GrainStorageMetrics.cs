using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SyncGrid.Storage.GrainState;

/// <summary>
/// The batched grain storage's instruments on the <c>SyncGrid</c> meter: <c>syncgrid.storage.batch.size</c> and
/// <c>syncgrid.storage.batch.duration</c> {storage, operation}, and the gauge <c>syncgrid.storage.queue.depth</c>
/// {storage, operation} of grain states waiting for a batch.
/// </summary>
public sealed class GrainStorageMetrics
{
    /// <summary>The meter every SyncGrid instrument lives on.</summary>
    public const string MeterName = "SyncGrid";

    /// <summary>Grain states per storage statement, by storage and operation (<c>read</c>, <c>write</c>).</summary>
    public const string BatchSizeInstrument = "syncgrid.storage.batch.size";

    /// <summary>How long one storage batch took, in seconds, by storage and operation.</summary>
    public const string BatchDurationInstrument = "syncgrid.storage.batch.duration";

    /// <summary>Grain states waiting for a batch, by storage and operation (a gauge).</summary>
    public const string QueueDepthInstrument = "syncgrid.storage.queue.depth";

    private static readonly int[] SizeBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000];
    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Histogram<int> _size;
    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<Source, byte> _queues = new();

    public GrainStorageMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _size = meter.CreateHistogram(BatchSizeInstrument, "{state}", "Grain states per storage statement, by storage and operation.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = SizeBuckets });
        _duration = meter.CreateHistogram(BatchDurationInstrument, "s", "How long one grain storage batch took, by storage and operation.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        meter.CreateObservableGauge(QueueDepthInstrument, Observe, "{state}", "Grain states waiting for a storage batch, by storage and operation.");
    }

    /// <summary>One executed batch.</summary>
    public void Batch(string storage, string operation, int states, TimeSpan duration)
    {
        var tags = new TagList { { "storage", storage }, { "operation", operation } };
        _size.Record(states, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Starts reporting a queue's waiting states; dispose it when the storage stops.</summary>
    public IDisposable TrackQueue(string storage, string operation, Func<long> waiting)
    {
        var source = new Source(storage, operation, waiting, this);
        _queues[source] = 0;
        return source;
    }

    private IEnumerable<Measurement<long>> Observe() =>
        _queues.Keys.GroupBy(s => (s.Storage, s.Operation))
            .Select(g => new Measurement<long>(g.Sum(s => s.Waiting()), new KeyValuePair<string, object?>("storage", g.Key.Storage), new KeyValuePair<string, object?>("operation", g.Key.Operation)));

    private sealed class Source(string storage, string operation, Func<long> waiting, GrainStorageMetrics owner) : IDisposable
    {
        public string Storage { get; } = storage;

        public string Operation { get; } = operation;

        public Func<long> Waiting { get; } = waiting;

        public void Dispose() => owner._queues.TryRemove(this, out _);
    }
}
