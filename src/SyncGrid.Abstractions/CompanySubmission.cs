using SyncGrid.Domain;
using SyncGrid.Domain.Records;

namespace SyncGrid.Abstractions;

/// <summary>
/// Everything one ingest batch holds about one company (one TIN): versions of its company source records, and the
/// contact records seen under it. A submission is idempotent: sending it again changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.CompanySubmission")]
public sealed record CompanySubmission
{
    /// <summary>Versions of company source records; every one has the grain's TIN.</summary>
    [Id(0)]
    public ValueList<CompanyRecord> Companies { get; init; }

    /// <summary>Contact records seen under the company; every one has the grain's TIN as <see cref="ContactRecord.CompanyTin"/>.</summary>
    [Id(1)]
    public ValueList<ContactRecord> Contacts { get; init; }

    /// <summary>
    /// Company source records in <see cref="Companies"/> that carry their complete contact list (a store B partner is a
    /// full picture): a contact they delivered before and do not list now is withdrawn.
    /// </summary>
    [Id(2)]
    public ValueList<SourceKey> CompleteContactLists { get; init; }

    /// <summary>The number of source records in the submission.</summary>
    public int RecordCount => Companies.Count + Contacts.Count;
}
