using SyncGrid.Domain.Records;

namespace SyncGrid.Domain.Merge;

/// <summary>A merged value together with the source record it was taken from (its provenance).</summary>
public sealed record Sourced<T>(T Value, SourceRef Source);
