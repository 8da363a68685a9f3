using SyncGrid.Domain.Channels;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Records;

/// <summary>
/// The canonical contact record: a person seen under one company (<see cref="CompanyTin"/>) by one source record.
/// Its identity is <see cref="Key"/>, derived by <see cref="ContactIdentity"/>.
/// </summary>
public sealed record ContactRecord
{
    public required SourceRef Source { get; init; }

    public required Tin CompanyTin { get; init; }

    public required ContactKey Key { get; init; }

    public bool IsDeleted { get; init; }

    public PersonName? Name { get; init; }

    public string? Position { get; init; }

    public ValueList<PhoneNumber> Phones { get; init; }

    public ValueList<EmailAddress> Emails { get; init; }
}
