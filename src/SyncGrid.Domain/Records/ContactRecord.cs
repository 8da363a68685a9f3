using SyncGrid.Domain.Channels;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Records;

/// <summary>
/// The canonical contact record: a person seen under one company (<see cref="CompanyTin"/>) by one source record.
/// Its identity is <see cref="Key"/>, derived by <see cref="ContactIdentity"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.ContactRecord")]
public sealed record ContactRecord
{
    [Id(0)]
    public required SourceRef Source { get; init; }

    [Id(1)]
    public required Tin CompanyTin { get; init; }

    [Id(2)]
    public required ContactKey Key { get; init; }

    [Id(3)]
    public bool IsDeleted { get; init; }

    [Id(4)]
    public PersonName? Name { get; init; }

    [Id(5)]
    public string? Position { get; init; }

    [Id(6)]
    public ValueList<PhoneNumber> Phones { get; init; }

    [Id(7)]
    public ValueList<EmailAddress> Emails { get; init; }

    /// <summary>
    /// The company source record that delivered this contact as part of its full picture (a store B partner), if any.
    /// When that record drops the contact or is deleted, this contact record is withdrawn.
    /// </summary>
    [Id(8)]
    public SourceKey? Parent { get; init; }
}
