namespace SyncGrid.Api.Contracts;

/// <summary>A page of companies ordered by TIN (<c>GET /api/v1/companies</c>).</summary>
/// <param name="Items">The companies.</param>
/// <param name="Next">The <c>after</c> value of the next page; <see langword="null"/> on the last page.</param>
public sealed record CompanyPage(IReadOnlyList<CompanyRowDto> Items, string? Next);
