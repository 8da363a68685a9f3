namespace SyncGrid.Api.Contracts;

/// <summary>What the state register last said about the company.</summary>
/// <param name="Verdict">The register state (<c>active</c>, <c>liquidated</c>, …), or <c>not-found</c>.</param>
/// <param name="ObtainedAt">When the register answered.</param>
/// <param name="FullName">The full legal name, when found.</param>
/// <param name="ShortName">The short legal name, when found.</param>
/// <param name="Kpp">The KPP of the reported unit, when found.</param>
/// <param name="Ogrn">The OGRN/OGRNIP, when found.</param>
/// <param name="Type"><c>legal</c> or <c>individual</c>, when found.</param>
public sealed record RegisterVerdictDto(string Verdict, DateTimeOffset ObtainedAt, string? FullName, string? ShortName, string? Kpp, string? Ogrn, string? Type);
