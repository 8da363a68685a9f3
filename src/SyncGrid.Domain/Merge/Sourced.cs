using SyncGrid.Domain.Records;

namespace SyncGrid.Domain.Merge;

/// <summary>A merged value together with the source record it was taken from (its provenance).</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Sourced`1")]
public sealed record Sourced<T>([property: Id(0)] T Value, [property: Id(1)] SourceRef Source);
