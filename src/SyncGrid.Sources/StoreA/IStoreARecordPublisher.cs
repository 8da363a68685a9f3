namespace SyncGrid.Sources.StoreA;

/// <summary>
/// Hands store A records durably to the grid: <see cref="PublishAsync"/> returns only when every record is
/// acknowledged (the Kafka producer's acks), and throws otherwise, so a watermark moves only past published rows.
/// </summary>
public interface IStoreARecordPublisher
{
    /// <summary>Publishes <paramref name="records"/> to <paramref name="topic"/>; returns once all are acknowledged.</summary>
    Task PublishAsync(string topic, IReadOnlyList<StoreARecord> records, CancellationToken cancellationToken = default);
}
