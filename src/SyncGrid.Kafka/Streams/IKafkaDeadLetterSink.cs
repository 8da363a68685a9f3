namespace SyncGrid.Kafka.Streams;

/// <summary>
/// The dead-letter port: where undeliverable stream batches are recorded (the rejects store, for example). Optional; without
/// one the failure handler logs and counts only. It must not throw for ordinary failures and should return promptly: the
/// partition moves on past the batch once the handler returns.
/// </summary>
public interface IKafkaDeadLetterSink
{
    /// <summary>Records <paramref name="letter"/>.</summary>
    Task WriteAsync(KafkaDeadLetter letter, CancellationToken cancellationToken = default);
}
