using SyncGrid.Domain.Records;

namespace SyncGrid.Abstractions.Rejects;

/// <summary>Filters and a page of the rejects store. Rows come newest <c>LastSeen</c> first.</summary>
/// <param name="Store">Only this source store; <see langword="null"/> for all.</param>
/// <param name="ReasonPrefix">Only reason codes starting with this (<c>tin.</c> or <c>tin.checksum</c>); <see langword="null"/> for all.</param>
/// <param name="SourceId">Only this source record id; <see langword="null"/> for all.</param>
/// <param name="Offset">Rows to skip. Default 0.</param>
/// <param name="Limit">Most rows returned (1 to 1000). Default 100.</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.Abstractions.RejectQuery")]
public sealed record RejectQuery(
    [property: Id(0)] SourceStore? Store = null,
    [property: Id(1)] string? ReasonPrefix = null,
    [property: Id(2)] string? SourceId = null,
    [property: Id(3)] int Offset = 0,
    [property: Id(4)] int Limit = 100)
{
    /// <summary>The limit, clamped to 1 … 1000.</summary>
    public int EffectiveLimit => Math.Clamp(Limit, 1, 1000);
}
