namespace SyncGrid.Abstractions.Rejects;

/// <summary>A stored reject: its entry (with the latest source position and message), when it was first and last seen, and how often.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Abstractions.RejectRow")]
public sealed record RejectRow(
    [property: Id(0)] RejectEntry Entry,
    [property: Id(1)] DateTimeOffset FirstSeen,
    [property: Id(2)] DateTimeOffset LastSeen,
    [property: Id(3)] long Count);
