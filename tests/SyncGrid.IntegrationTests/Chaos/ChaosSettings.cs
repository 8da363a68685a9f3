using SyncGrid.Sandbox.Bitrix24;

namespace SyncGrid.IntegrationTests.Chaos;

/// <summary>What one chaos run starts: the generated data set, the silos, the Kafka brokers and the portal's faults.</summary>
public sealed record ChaosSettings
{
    /// <summary>The generator's scale (company source records, store A rows plus store B partner ids). Default 1,000.</summary>
    public int Companies { get; init; } = 1_000;

    /// <summary>The generator's seed. Default 42.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Silos started at first. Default 3.</summary>
    public int Silos { get; init; } = 3;

    /// <summary>Brokers of the mock Kafka cluster (topics are replicated on up to three). Default 1.</summary>
    public int Brokers { get; init; } = 1;

    /// <summary>Partitions of each of the three ingest topics (each partition is a stream queue). Default 8.</summary>
    public int Partitions { get; init; } = 8;

    /// <summary>How fast the store A coordinator reads the replica. Default 2,000 rows/s.</summary>
    public int StoreARowsPerSecond { get; init; } = 2_000;

    /// <summary>Fault knobs set on the Bitrix24 sandbox before anything runs. Default none.</summary>
    public Action<Bitrix24Faults>? PortalFaults { get; init; }
}
