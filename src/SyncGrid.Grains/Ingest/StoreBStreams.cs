namespace SyncGrid.Grains.Ingest;

/// <summary>Names of the store B event stream.</summary>
public static class StoreBStreams
{
    /// <summary>The stream provider the store B topic is read through.</summary>
    public const string Provider = "kafka";

    /// <summary>The stream namespace: the store B topic (the Kafka provider names raw-record streams after their topic).</summary>
    public const string Namespace = "sapcrm.partners";
}
