namespace SyncGrid.Grains.Ingest;

/// <summary>Names of the store A record streams.</summary>
public static class StoreAStreams
{
    /// <summary>The stream provider the store A topic is read through.</summary>
    public const string Provider = "kafka";

    /// <summary>
    /// The stream namespaces the row ingest grains subscribe to: the store A topics (<c>syncgrid.store-a</c>, or that
    /// name with a suffix); the Kafka provider names raw-record streams after their topic.
    /// </summary>
    public const string NamespacePattern = @"^syncgrid\.store-a(\.[A-Za-z0-9_-]+)*$";

    /// <summary>The coordinator key the silo starts: the store A source's name.</summary>
    public const string DefaultSource = "store-a";
}
