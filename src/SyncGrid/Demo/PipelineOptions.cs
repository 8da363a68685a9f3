using SyncGrid.Generator;

namespace SyncGrid.Cli.Demo;

/// <summary>What one end-to-end run of the pipeline uses: generated data, which outside systems, which storage.</summary>
public sealed record PipelineOptions
{
    /// <summary>Companies the generator makes (5,000 is the demo scale, 178,000 the seed).</summary>
    public int Companies { get; init; } = 5_000;

    /// <summary>The generator's seed.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>MariaDB for the grid (clustering, state, read model, rejects); <see langword="null"/> runs it in memory.</summary>
    public string? GridConnectionString { get; init; }

    /// <summary>Whether companies are validated against the register sandbox and pushed to the Bitrix24 sandbox.</summary>
    public bool Sync { get; init; } = true;

    /// <summary>Whether store A runs (needs MariaDB installed for its private server).</summary>
    public bool StoreA { get; init; } = true;

    /// <summary>Partitions of each topic of the mock Kafka cluster.</summary>
    public int Partitions { get; init; } = 8;

    /// <summary>Requests per second the register sandbox allows (the client runs at 90 % of it).</summary>
    public int RegisterRate { get; init; } = 100;

    /// <summary>Latency of every register answer.</summary>
    public TimeSpan RegisterLatency { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The Bitrix24 portal's leaky bucket: burst and drain per second (the enterprise plan by default).</summary>
    public (int Burst, double Drain) Bitrix24Bucket { get; init; } = (250, 5);

    /// <summary>
    /// Sets the sandboxes' limits from the generated data's expected outcome, once it is known (a benchmark scales them
    /// to the volume); <see langword="null"/> (the default) keeps <see cref="RegisterRate"/> and <see cref="Bitrix24Bucket"/>.
    /// </summary>
    public Func<ExpectedOutcome, SandboxLimits>? LimitsFor { get; init; }

    /// <summary>
    /// Silos started in this process as one cluster (same cluster id, MariaDB clustering, free loopback ports); more
    /// than one needs <see cref="GridConnectionString"/>, since the in-memory read model is not shared. The API runs on
    /// the first only. Default 1.
    /// </summary>
    public int Silos { get; init; } = 1;

    /// <summary>Store A rows per second the replica extractor reads at most.</summary>
    public int StoreARowsPerSecond { get; init; } = 20_000;

    /// <summary>How long the run may take before it gives up.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>The working directory (generated data, checkpoints, the private MariaDB); a temporary one when null.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>The silo's log level (the console shows the progress; logs would drown it).</summary>
    public string LogLevel { get; init; } = "Critical";

    /// <summary>Whether the working directory is kept after the run.</summary>
    public bool Keep { get; init; }
}
