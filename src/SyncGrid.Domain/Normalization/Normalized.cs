using System.Diagnostics.CodeAnalysis;

namespace SyncGrid.Domain.Normalization;

/// <summary>
/// The outcome of normalising one raw record: the canonical record, or none when the record as a whole is rejected,
/// and every problem found on the way. Problems with a record still present are field-level rejects (a bad phone):
/// the record goes on without that value and the value goes to the rejects store.
/// </summary>
public sealed record Normalized<T>(T? Record, ValueList<Problem> Problems)
    where T : class
{
    /// <summary>Whether the whole record is rejected.</summary>
    [MemberNotNullWhen(false, nameof(Record))]
    public bool IsRejected => Record is null;
}
