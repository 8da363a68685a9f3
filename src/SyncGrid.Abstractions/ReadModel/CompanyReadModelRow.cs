namespace SyncGrid.Abstractions.ReadModel;

/// <summary>
/// One row of the company read model, written by the company grain after each state change, so that listing and
/// counting companies never scans grains, with the changes to the company's contact bindings.
/// <see cref="Version"/> is the grain state's version: a row never replaces a newer one.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Abstractions.CompanyReadModelRow")]
public sealed record CompanyReadModelRow(
    [property: Id(0)] string Tin,
    [property: Id(1)] string? Name,
    [property: Id(2)] CompanySyncStatus Status,
    [property: Id(3)] string? StatusReason,
    [property: Id(4)] long? Bitrix24CompanyId,
    [property: Id(5)] int Sources,
    [property: Id(6)] string? LastError,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] long Version)
{
    /// <summary>Contact keys newly bound to the company.</summary>
    [Id(9)]
    public IReadOnlyList<string> ContactsBound { get; init; } = [];

    /// <summary>Contact keys no longer bound to the company.</summary>
    [Id(10)]
    public IReadOnlyList<string> ContactsUnbound { get; init; } = [];
}
