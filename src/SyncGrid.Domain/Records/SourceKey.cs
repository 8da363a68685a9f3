namespace SyncGrid.Domain.Records;

/// <summary>Which source record a record is a version of: the store and the record's id there.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.SourceKey")]
public readonly record struct SourceKey([property: Id(0)] SourceStore Store, [property: Id(1)] string Id) : IComparable<SourceKey>
{
    /// <inheritdoc />
    public int CompareTo(SourceKey other)
    {
        var byStore = Store.CompareTo(other.Store);
        return byStore != 0 ? byStore : string.CompareOrdinal(Id, other.Id);
    }

    public static bool operator <(SourceKey left, SourceKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(SourceKey left, SourceKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(SourceKey left, SourceKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(SourceKey left, SourceKey right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => $"{Store.ToCode()}:{Id}";
}
