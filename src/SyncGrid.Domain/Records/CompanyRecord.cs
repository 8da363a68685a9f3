using SyncGrid.Domain.Channels;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Records;

/// <summary>
/// The canonical company record every source produces: clean values only, keyed by a valid <see cref="Tin"/>,
/// carrying its <see cref="SourceRef"/>. A deleted record (<see cref="IsDeleted"/>) withdraws that source record's
/// contribution and nothing else.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.CompanyRecord")]
public sealed record CompanyRecord
{
    [Id(0)]
    public required SourceRef Source { get; init; }

    [Id(1)]
    public required Tin Tin { get; init; }

    [Id(2)]
    public CompanyCategory Category { get; init; } = CompanyCategory.Organization;

    [Id(3)]
    public bool IsDeleted { get; init; }

    [Id(4)]
    public CompanyName? Name { get; init; }

    [Id(5)]
    public Kpp? Kpp { get; init; }

    [Id(6)]
    public Ogrn? Ogrn { get; init; }

    [Id(7)]
    public string? LegalAddress { get; init; }

    [Id(8)]
    public ValueList<PhoneNumber> Phones { get; init; }

    [Id(9)]
    public ValueList<EmailAddress> Emails { get; init; }

    [Id(10)]
    public ValueList<BankAccount> BankAccounts { get; init; }
}
