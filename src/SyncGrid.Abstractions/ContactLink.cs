using SyncGrid.Domain.Records;

namespace SyncGrid.Abstractions;

/// <summary>
/// The last version of a contact source record that a company forwarded: which contact it is filed under, the company
/// source record that delivered it (if it came inside a full picture), and the version's content hash and time.
/// Lets the company skip repeats without calling the contact, and withdraw the record when its key changes or when
/// the delivering source drops it.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.ContactLink")]
public sealed record ContactLink(
    [property: Id(0)] SourceKey Source,
    [property: Id(1)] ContactKey Key,
    [property: Id(2)] SourceKey? Parent,
    [property: Id(3)] string Hash,
    [property: Id(4)] DateTimeOffset ChangedAt);
