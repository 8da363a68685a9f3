namespace SyncGrid.Kafka.Producing;

/// <summary>Where Kafka stored an acknowledged record.</summary>
public sealed record KafkaDelivery(string Topic, int Partition, long Offset);
