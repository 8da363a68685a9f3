using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace SyncGrid.Kafka.Streams;

/// <summary>
/// Records undeliverable batches (log, counter, optional <see cref="IKafkaDeadLetterSink"/>) and never faults the
/// subscription, so one poison batch never blocks its partition: the cache then purges it and the offset commit passes it.
/// </summary>
public sealed partial class KafkaStreamFailureHandler(
    string provider, QueueId queue, KafkaMetrics metrics, IKafkaDeadLetterSink? sink, ILogger<KafkaStreamFailureHandler> logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken) =>
        RecordAsync(subscriptionId, streamIdentity, sequenceToken, KafkaDeadLetterKind.Delivery);

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken) =>
        RecordAsync(subscriptionId, streamIdentity, sequenceToken, KafkaDeadLetterKind.Subscription);

    private async Task RecordAsync(GuidId subscriptionId, StreamId streamId, StreamSequenceToken? token, KafkaDeadLetterKind kind)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        metrics.DeliveryFailure(provider);
        LogDeadLettered(logger, kind, provider, queue.ToString(), streamId.ToString(), token?.SequenceNumber ?? -1);
        if (sink is null)
        {
            return;
        }

        try
        {
            await sink.WriteAsync(new KafkaDeadLetter(provider, streamId, token, subscriptionId.Guid, kind));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The batch is already counted and logged; a broken sink must not stop the partition.
            LogSinkFailed(logger, ex, provider, streamId.ToString(), token?.SequenceNumber ?? -1);
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Error,
        Message = "{Kind} failure on provider {Provider} queue {Queue}: stream {Stream} batch at offset {Offset} is dead-lettered and skipped")]
    private static partial void LogDeadLettered(ILogger logger, KafkaDeadLetterKind kind, string provider, string queue, string stream, long offset);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error,
        Message = "The dead-letter sink failed on provider {Provider} for stream {Stream} at offset {Offset}")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string provider, string stream, long offset);
}
