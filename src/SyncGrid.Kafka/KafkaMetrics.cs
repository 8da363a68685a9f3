using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SyncGrid.Kafka;

/// <summary>
/// The Kafka instruments on the <c>SyncGrid</c> meter: records produced and consumed, commits, dead-lettered batches, and
/// the gauges of the partitions this silo's stream receivers read: <c>syncgrid.kafka.consumer.lag</c> {topic} and
/// <c>syncgrid.kafka.partitions.assigned</c> {topic}.
/// </summary>
public sealed class KafkaMetrics
{
    /// <summary>The meter name every SyncGrid instrument uses.</summary>
    public const string MeterName = "SyncGrid";

    /// <summary>Records not yet read by this silo's receivers (high watermark - position, summed over its partitions of the topic).</summary>
    public const string ConsumerLagInstrument = "syncgrid.kafka.consumer.lag";

    /// <summary>Partitions of the topic this silo's receivers own (the queue balancer's share).</summary>
    public const string PartitionsInstrument = "syncgrid.kafka.partitions.assigned";

    private readonly ConcurrentDictionary<PartitionPosition, byte> _partitions = new();

    private readonly Counter<long> _produced;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _commits;
    private readonly Counter<long> _deliveryFailures;

    public KafkaMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _produced = meter.CreateCounter<long>("syncgrid.kafka.records.produced", "{record}", "Records Kafka acknowledged, by topic.");
        _consumed = meter.CreateCounter<long>("syncgrid.kafka.records.consumed", "{record}", "Records read from Kafka partitions into stream queues, by topic.");
        _commits = meter.CreateCounter<long>("syncgrid.kafka.commits", "{commit}", "Offset commits after delivery to grains, by result.");
        _deliveryFailures = meter.CreateCounter<long>("syncgrid.kafka.delivery.failures", "{batch}", "Stream batches grains never acknowledged (dead-lettered), by provider.");
        meter.CreateObservableGauge(ConsumerLagInstrument, ObserveLag, "{record}", "Records of the topic not yet read by this silo's stream receivers (high watermark - position), by topic.");
        meter.CreateObservableGauge(PartitionsInstrument, ObservePartitions, "{partition}", "Partitions of the topic this silo's stream receivers own, by topic.");
    }

    /// <summary>Registers the meter factory and one <see cref="KafkaMetrics"/> (idempotent).</summary>
    internal static void Register(IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<KafkaMetrics>();
    }

    public void Produced(string topic, int records) => _produced.Add(records, new KeyValuePair<string, object?>("topic", topic));

    public void Consumed(string topic, int records) => _consumed.Add(records, new KeyValuePair<string, object?>("topic", topic));

    public void Commit(bool succeeded) => _commits.Add(1, new KeyValuePair<string, object?>("result", succeeded ? "ok" : "failed"));

    public void DeliveryFailure(string provider) => _deliveryFailures.Add(1, new KeyValuePair<string, object?>("provider", provider));

    /// <summary>Starts reporting a partition a receiver owns; dispose it when the receiver releases the partition.</summary>
    public PartitionPosition TrackPartition(string topic, int partition)
    {
        var position = new PartitionPosition(topic, partition, this);
        _partitions[position] = 0;
        return position;
    }

    private IEnumerable<Measurement<long>> ObserveLag() =>
        _partitions.Keys.Where(p => p.Lag is not null).GroupBy(p => p.Topic, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(g.Sum(p => p.Lag ?? 0), new KeyValuePair<string, object?>("topic", g.Key)));

    private IEnumerable<Measurement<long>> ObservePartitions() =>
        _partitions.Keys.GroupBy(p => p.Topic, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(g.Count(), new KeyValuePair<string, object?>("topic", g.Key)));

    /// <summary>
    /// The last known high watermark and read position of one owned partition, written by its receiver after each poll
    /// and read by the gauges from any thread.
    /// </summary>
    public sealed class PartitionPosition : IDisposable
    {
        private readonly KafkaMetrics _owner;
        private long _high = -1;
        private long _position = -1;

        internal PartitionPosition(string topic, int partition, KafkaMetrics owner)
        {
            Topic = topic;
            Partition = partition;
            _owner = owner;
        }

        /// <summary>The topic.</summary>
        public string Topic { get; }

        /// <summary>The partition number.</summary>
        public int Partition { get; }

        /// <summary>Records not yet read, or <see langword="null"/> until both offsets are known.</summary>
        public long? Lag
        {
            get
            {
                var high = Interlocked.Read(ref _high);
                var position = Interlocked.Read(ref _position);
                return high < 0 || position < 0 ? null : Math.Max(0, high - position);
            }
        }

        /// <summary>Records the offsets; a negative value (unknown) leaves the previous one.</summary>
        public void Update(long highWatermark, long position)
        {
            if (highWatermark >= 0)
            {
                Interlocked.Exchange(ref _high, highWatermark);
            }

            if (position >= 0)
            {
                Interlocked.Exchange(ref _position, position);
            }
        }

        /// <inheritdoc />
        public void Dispose() => _owner._partitions.TryRemove(this, out _);
    }
}
