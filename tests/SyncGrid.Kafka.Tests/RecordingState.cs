namespace SyncGrid.Kafka.Tests;

[GenerateSerializer, Alias("SyncGrid.Kafka.Tests.RecordingState")]
public sealed class RecordingState
{
    /// <summary>Event sequence numbers by the partition offset they arrived at; a redelivered offset is a no-op.</summary>
    [Id(0)] public Dictionary<long, int> SeqByOffset { get; init; } = [];
}
