using SyncGrid.Domain.Records;

namespace SyncGrid.Domain.Merge;

/// <summary>A total order over record contents, for breaking ties that change time and source cannot break.</summary>
internal static class StableOrder
{
    public static int Compare<T>(T left, T right) => string.CompareOrdinal(HashOf(left), HashOf(right));

    private static string HashOf<T>(T record) => record switch
    {
        CompanyRecord c => ContentHash.Of(c),
        ContactRecord c => ContentHash.Of(c),
        _ => throw new ArgumentException($"No content hash for {typeof(T).Name}.", nameof(record)),
    };
}
