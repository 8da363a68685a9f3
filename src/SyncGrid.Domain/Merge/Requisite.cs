using SyncGrid.Domain.Identifiers;

namespace SyncGrid.Domain.Merge;

/// <summary>
/// One Bitrix24 requisite of a company: one per KPP (branches share the TIN and differ by KPP). An individual
/// entrepreneur, or an organisation whose KPP no source knows, has one requisite without KPP.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Requisite")]
public sealed record Requisite([property: Id(0)] Kpp? Kpp)
{
    /// <summary>The requisite's identity within its company: the KPP, or empty.</summary>
    public string Key => Kpp?.Value ?? string.Empty;
}
