namespace SyncGrid.Abstractions.ReadModel;

/// <summary>
/// One row of the company read model, written by the company grain after each state change, so that listing and
/// counting companies never scans grains, with the changes to the company's contact bindings.
/// <see cref="Version"/> is the grain state's version: a row never replaces a newer one.
/// </summary>
public sealed record CompanyReadModelRow(
    string Tin,
    string? Name,
    CompanySyncStatus Status,
    string? StatusReason,
    long? Bitrix24CompanyId,
    int Sources,
    string? LastError,
    DateTimeOffset UpdatedAt,
    long Version)
{
    /// <summary>Contact keys newly bound to the company.</summary>
    public IReadOnlyList<string> ContactsBound { get; init; } = [];

    /// <summary>Contact keys no longer bound to the company.</summary>
    public IReadOnlyList<string> ContactsUnbound { get; init; } = [];
}
