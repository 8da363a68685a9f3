using SyncGrid.Kafka.Producing;
using SyncGrid.Sources.StoreA;

namespace SyncGrid.Cli.Hosting;

/// <summary>Store A's records published through the Kafka record producer: returns only when Kafka acknowledged every one.</summary>
internal sealed class KafkaStoreARecordPublisher(KafkaRecordProducer producer) : IStoreARecordPublisher
{
    public async Task PublishAsync(string topic, IReadOnlyList<StoreARecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await producer.PublishAsync(topic, [.. records.Select(r => new KafkaRecord(r.Key, r.Value))], cancellationToken).ConfigureAwait(false);
    }
}
