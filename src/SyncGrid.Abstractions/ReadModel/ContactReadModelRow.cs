namespace SyncGrid.Abstractions.ReadModel;

/// <summary>
/// One contact in the read model with the companies it is bound to; the bindings replace the previous ones.
/// <see cref="Version"/> is the contact grain state's version.
/// </summary>
public sealed record ContactReadModelRow(
    string Key,
    string? Name,
    IReadOnlyList<string> CompanyTins,
    long? Bitrix24ContactId,
    DateTimeOffset UpdatedAt,
    long Version);
