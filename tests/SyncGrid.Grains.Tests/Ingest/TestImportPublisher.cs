using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SyncGrid.Kafka;
using SyncGrid.Kafka.Producing;
using SyncGrid.Sources.Import;

namespace SyncGrid.Grains.Tests.Ingest;

/// <summary>
/// The importer's publisher on the (mock) Kafka cluster, with hooks around each batch so a test can cancel the import
/// or kill it (throw) at a chosen batch, before or after the batch reached Kafka.
/// </summary>
internal sealed class TestImportPublisher : IImportPublisher, IDisposable
{
    private readonly KafkaRecordProducer _producer;
    private int _calls;

    public TestImportPublisher(string bootstrapServers) =>
        _producer = new KafkaRecordProducer(
            Options.Create(new KafkaProducerOptions { BootstrapServers = bootstrapServers, DeliveryTimeout = TimeSpan.FromSeconds(20) }),
            new KafkaMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            NullLogger<KafkaRecordProducer>.Instance);

    /// <summary>Called with the 1-based batch number before the batch is produced.</summary>
    public Action<int>? Before { get; set; }

    /// <summary>Called with the 1-based batch number after Kafka acknowledged the batch, before the importer hears of it.</summary>
    public Action<int>? After { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public async Task PublishAsync(string topic, IReadOnlyList<ImportRecord> records, CancellationToken cancellationToken = default)
    {
        var batch = Interlocked.Increment(ref _calls);
        Before?.Invoke(batch);
        await _producer.PublishAsync(topic, [.. records.Select(r => new KafkaRecord(r.Key, r.Value))], cancellationToken);
        After?.Invoke(batch);
    }

    public void Dispose() => _producer.Dispose();
}
