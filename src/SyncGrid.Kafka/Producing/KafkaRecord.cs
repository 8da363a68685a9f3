namespace SyncGrid.Kafka.Producing;

/// <summary>One raw record to publish: <paramref name="Key"/> keeps a company's records in one partition, in order.</summary>
public sealed record KafkaRecord(string Key, byte[] Value);
