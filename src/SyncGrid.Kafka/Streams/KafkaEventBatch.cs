namespace SyncGrid.Kafka.Streams;

/// <summary>The value of one Kafka record the adapter produces: the events of one <c>QueueMessageBatchAsync</c> call.</summary>
[GenerateSerializer, Alias("SyncGrid.Kafka.Streams.KafkaEventBatch")]
public sealed record KafkaEventBatch
{
    [Id(0)] public required List<object> Events { get; init; }
    [Id(1)] public Dictionary<string, object>? RequestContext { get; init; }
}
