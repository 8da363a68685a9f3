namespace SyncGrid.Kafka.Streams;

/// <summary>Why a batch was dead-lettered.</summary>
public enum KafkaDeadLetterKind
{
    /// <summary>The consumer grain kept failing on the batch.</summary>
    Delivery,

    /// <summary>The subscription could not be established.</summary>
    Subscription,
}
