using Orleans.Streams;

namespace SyncGrid.Kafka.Streams;

/// <summary>A stream batch that its consumer never acknowledged within the pulling agent's delivery time.</summary>
/// <param name="Provider">The stream provider name.</param>
/// <param name="StreamId">The stream.</param>
/// <param name="Token">The batch's token; for Kafka its sequence number is the partition offset.</param>
/// <param name="SubscriptionId">The subscription that failed.</param>
/// <param name="Kind">Delivery or subscription failure.</param>
public sealed record KafkaDeadLetter(string Provider, StreamId StreamId, StreamSequenceToken? Token, Guid SubscriptionId, KafkaDeadLetterKind Kind);
