using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SyncGrid.Kafka.Producing;

/// <summary>
/// Publishes raw records (outside grains) and returns only when Kafka has acknowledged every one of them (acks=all,
/// idempotent), so an extractor advances its watermark only after <see cref="PublishAsync"/> returns. Partitioning is
/// librdkafka's key hash: one key, one partition. Thread-safe; one instance per process.
/// </summary>
public sealed partial class KafkaRecordProducer : IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly KafkaProducerOptions _options;
    private readonly KafkaMetrics _metrics;
    private readonly ILogger<KafkaRecordProducer> _logger;

    public KafkaRecordProducer(IOptions<KafkaProducerOptions> options, KafkaMetrics metrics, ILogger<KafkaRecordProducer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        var config = KafkaClientConfigs.Producer(_options.BootstrapServers, _options.ClientSettings);
        config.MessageTimeoutMs = (int)_options.DeliveryTimeout.TotalMilliseconds;
        _producer = new ProducerBuilder<string, byte[]>(config).Build();
    }

    /// <summary>
    /// Publishes <paramref name="records"/> to <paramref name="topic"/>, flushes, and returns their offsets in input order.
    /// Throws <see cref="KafkaPublishException"/> if any record was not acknowledged.
    /// </summary>
    public Task<IReadOnlyList<KafkaDelivery>> PublishAsync(string topic, IReadOnlyList<KafkaRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(records);
        return Task.Run<IReadOnlyList<KafkaDelivery>>(() => Publish(topic, records, cancellationToken), cancellationToken);
    }

    public void Dispose() => _producer.Dispose();

    private KafkaDelivery[] Publish(string topic, IReadOnlyList<KafkaRecord> records, CancellationToken cancellationToken)
    {
        var reports = new DeliveryReport<string, byte[]>?[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var index = i;
            _producer.Produce(topic, new Message<string, byte[]> { Key = records[i].Key, Value = records[i].Value }, r => reports[index] = r);
        }

        // Flush returns once every queued record has a delivery report (acknowledged or failed after its timeout).
        _producer.Flush(cancellationToken);
        var failed = reports.Count(r => r is null || r.Error.IsError);
        if (failed > 0)
        {
            var reason = reports.FirstOrDefault(r => r?.Error.IsError == true)?.Error.Reason ?? "no delivery report";
            LogPublishFailed(_logger, topic, failed, records.Count, reason);
            throw new KafkaPublishException($"{failed} of {records.Count} records to topic '{topic}' were not acknowledged: {reason}.");
        }

        _metrics.Produced(topic, records.Count);
        LogPublished(_logger, topic, records.Count);
        return [.. reports.Select(r => new KafkaDelivery(r!.Topic, r.Partition.Value, r.Offset.Value))];
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Debug, Message = "Published {Count} records to {Topic}, all acknowledged")]
    private static partial void LogPublished(ILogger logger, string topic, int count);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "{Failed} of {Count} records to {Topic} were not acknowledged: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string topic, int failed, int count, string reason);
}
