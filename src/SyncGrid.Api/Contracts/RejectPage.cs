namespace SyncGrid.Api.Contracts;

/// <summary>A page of rejects, newest first (<c>GET /api/v1/rejects</c>).</summary>
/// <param name="Items">The rejects.</param>
/// <param name="ByReason">Occurrences by reason code among all rejects matching the filters (not only this page).</param>
/// <param name="NextOffset">The <c>offset</c> of the next page; <see langword="null"/> on the last page.</param>
public sealed record RejectPage(IReadOnlyList<RejectDto> Items, IReadOnlyDictionary<string, long> ByReason, int? NextOffset);
