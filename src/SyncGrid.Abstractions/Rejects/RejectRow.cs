using SyncGrid.Domain.Records;

namespace SyncGrid.Abstractions.Rejects;

/// <summary>A stored reject: the entry, last source position and message, and how often and when it was seen.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Abstractions.RejectRow")]
public sealed record RejectRow(
    [property: Id(0)] SourceStore Store,
    [property: Id(1)] string SourceId,
    [property: Id(2)] string? SourcePosition,
    [property: Id(3)] string Field,
    [property: Id(4)] string? RawValue,
    [property: Id(5)] string ReasonCode,
    [property: Id(6)] string Message,
    [property: Id(7)] DateTimeOffset FirstSeen,
    [property: Id(8)] DateTimeOffset LastSeen,
    [property: Id(9)] long Count);
