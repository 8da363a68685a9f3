namespace SyncGrid.Sources.Import;

/// <summary>Where an importer hands its records: in production the Kafka record producer.</summary>
public interface IImportPublisher
{
    /// <summary>
    /// Publishes <paramref name="records"/> to <paramref name="topic"/> and completes only when every one of them is
    /// durably acknowledged; throws when any is not. The importer advances its checkpoint only after this returns.
    /// </summary>
    Task PublishAsync(string topic, IReadOnlyList<ImportRecord> records, CancellationToken cancellationToken = default);
}
