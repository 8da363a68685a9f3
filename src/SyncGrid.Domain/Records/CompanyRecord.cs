using SyncGrid.Domain.Channels;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Records;

/// <summary>
/// The canonical company record every source produces: clean values only, keyed by a valid <see cref="Tin"/>,
/// carrying its <see cref="SourceRef"/>. A deleted record (<see cref="IsDeleted"/>) withdraws that source record's
/// contribution and nothing else.
/// </summary>
public sealed record CompanyRecord
{
    public required SourceRef Source { get; init; }

    public required Tin Tin { get; init; }

    public CompanyCategory Category { get; init; } = CompanyCategory.Organization;

    public bool IsDeleted { get; init; }

    public CompanyName? Name { get; init; }

    public Kpp? Kpp { get; init; }

    public Ogrn? Ogrn { get; init; }

    public string? LegalAddress { get; init; }

    public ValueList<PhoneNumber> Phones { get; init; }

    public ValueList<EmailAddress> Emails { get; init; }

    public ValueList<BankAccount> BankAccounts { get; init; }
}
