using SyncGrid.Kafka.Producing;
using SyncGrid.Sources.Import;

namespace SyncGrid.Cli.Commands;

/// <summary>The importer's publisher on Kafka: one <see cref="KafkaRecordProducer"/> call per batch, which returns only when every record is acknowledged.</summary>
internal sealed class KafkaImportPublisher(KafkaRecordProducer producer) : IImportPublisher
{
    public async Task PublishAsync(string topic, IReadOnlyList<ImportRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var batch = new KafkaRecord[records.Count];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = new KafkaRecord(records[i].Key, records[i].Value);
        }

        await producer.PublishAsync(topic, batch, cancellationToken).ConfigureAwait(false);
    }
}
