namespace SyncGrid.Kafka.Streams;

/// <summary>A topic and its partition count, as read from the cluster's metadata.</summary>
public sealed record KafkaTopicLayout(string Topic, int Partitions);
