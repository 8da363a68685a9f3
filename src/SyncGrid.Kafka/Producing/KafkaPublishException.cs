namespace SyncGrid.Kafka.Producing;

/// <summary>Some records of a batch were not acknowledged; the caller's source position must not advance.</summary>
public sealed class KafkaPublishException : Exception
{
    public KafkaPublishException()
    {
    }

    public KafkaPublishException(string message) : base(message)
    {
    }

    public KafkaPublishException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
