namespace SyncGrid.Domain.Records;

/// <summary>
/// Where a record came from and when the source last changed it: the store, the id in that store and the
/// source's change time (store A <c>updated_at</c>, store B <c>occurredAt</c> or the export's <c>exportedAt</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.SourceRef")]
public sealed record SourceRef([property: Id(0)] SourceStore Store, [property: Id(1)] string Id, [property: Id(2)] DateTimeOffset ChangedAt) : IComparable<SourceRef>
{
    /// <summary>The record identity without its version.</summary>
    public SourceKey Key => new(Store, Id);

    /// <summary>
    /// Orders by change time, then store, then id: the total order that decides which record wins a field.
    /// Later compares greater.
    /// </summary>
    public int CompareTo(SourceRef? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byTime = ChangedAt.UtcTicks.CompareTo(other.ChangedAt.UtcTicks);
        return byTime != 0 ? byTime : Key.CompareTo(other.Key);
    }

    public static bool operator <(SourceRef? left, SourceRef? right) => Compare(left, right) < 0;

    public static bool operator <=(SourceRef? left, SourceRef? right) => Compare(left, right) <= 0;

    public static bool operator >(SourceRef? left, SourceRef? right) => Compare(left, right) > 0;

    public static bool operator >=(SourceRef? left, SourceRef? right) => Compare(left, right) >= 0;

    /// <inheritdoc />
    public override string ToString() => $"{Key}@{ChangedAt:O}";

    private static int Compare(SourceRef? left, SourceRef? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}
