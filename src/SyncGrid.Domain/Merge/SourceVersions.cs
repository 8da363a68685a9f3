using SyncGrid.Domain.Records;

namespace SyncGrid.Domain.Merge;

/// <summary>
/// Picks the version of each source record that counts: the latest by change time; at equal times a deletion,
/// then the larger content hash, so the choice never depends on arrival order.
/// </summary>
public static class SourceVersions
{
    /// <summary>Whether <paramref name="candidate"/> replaces <paramref name="current"/>, a version of the same company source record.</summary>
    public static bool Supersedes(CompanyRecord candidate, CompanyRecord current)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(current);
        return IsNewer(candidate, current, r => r.Source, r => r.IsDeleted);
    }

    /// <summary>Whether <paramref name="candidate"/> replaces <paramref name="current"/>, a version of the same contact source record.</summary>
    public static bool Supersedes(ContactRecord candidate, ContactRecord current)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(current);
        return IsNewer(candidate, current, r => r.Source, r => r.IsDeleted);
    }

    /// <summary>The live latest versions, oldest first (so that overwriting in order leaves the latest winner).</summary>
    internal static List<T> LiveLatest<T>(IEnumerable<T> records, Func<T, SourceRef> source, Func<T, bool> isDeleted, Action<T> check)
        where T : class =>
        LiveLatest(records, source, r => source(r).Key, isDeleted, check);

    internal static List<T> LiveLatest<T, TKey>(IEnumerable<T> records, Func<T, SourceRef> source, Func<T, TKey> versionKey, Func<T, bool> isDeleted, Action<T> check)
        where T : class
        where TKey : notnull
    {
        var latest = new Dictionary<TKey, T>();
        foreach (var record in records)
        {
            check(record);
            var key = versionKey(record);
            if (!latest.TryGetValue(key, out var current) || IsNewer(record, current, source, isDeleted))
            {
                latest[key] = record;
            }
        }

        var live = latest.Values.Where(r => !isDeleted(r)).ToList();
        live.Sort((a, b) => source(a).CompareTo(source(b)));
        return live;
    }

    private static bool IsNewer<T>(T candidate, T current, Func<T, SourceRef> source, Func<T, bool> isDeleted)
    {
        var byTime = source(candidate).ChangedAt.UtcTicks.CompareTo(source(current).ChangedAt.UtcTicks);
        if (byTime != 0)
        {
            return byTime > 0;
        }

        if (isDeleted(candidate) != isDeleted(current))
        {
            return isDeleted(candidate);
        }

        return StableOrder.Compare(candidate, current) > 0;
    }
}
