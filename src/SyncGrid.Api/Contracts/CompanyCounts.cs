using SyncGrid.Abstractions;

namespace SyncGrid.Api.Contracts;

/// <summary>Companies per status (<c>GET /api/v1/companies/counts</c>), every status listed.</summary>
/// <param name="Total">All companies.</param>
/// <param name="ByStatus">Companies per status.</param>
/// <param name="Contacts">Distinct contacts bound to at least one company.</param>
public sealed record CompanyCounts(long Total, IReadOnlyDictionary<CompanySyncStatus, long> ByStatus, long Contacts);
