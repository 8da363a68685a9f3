namespace SyncGrid.Grains;

/// <summary>Names of the grain storages SyncGrid's grains use; the host decides what backs each.</summary>
public static class GrainStorageNames
{
    /// <summary>
    /// The storage of the high-volume grains (companies, contacts, link shards): MariaDB with batched, group-committed
    /// reads and writes, or memory in the embedded default.
    /// </summary>
    public const string Grid = "syncgrid";
}
