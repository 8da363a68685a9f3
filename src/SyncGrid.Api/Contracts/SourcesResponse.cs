using SyncGrid.Abstractions.Progress;

namespace SyncGrid.Api.Contracts;

/// <summary>Per-source progress from every registered provider (<c>GET /api/v1/sources</c>).</summary>
public sealed record SourcesResponse(IReadOnlyList<SourceProgress> Sources);
