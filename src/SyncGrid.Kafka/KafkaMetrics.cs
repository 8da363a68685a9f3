using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SyncGrid.Kafka;

/// <summary>The Kafka instruments on the <c>SyncGrid</c> meter.</summary>
public sealed class KafkaMetrics
{
    /// <summary>The meter name every SyncGrid instrument uses.</summary>
    public const string MeterName = "SyncGrid";

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
}
