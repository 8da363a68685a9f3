namespace SyncGrid.Cli.Demo;

/// <summary>What feeding the same input again after convergence caused: an idempotent grid writes and sends nothing.</summary>
public sealed record RerunReport
{
    /// <summary>From the first record fed again until the grid had committed everything and stayed quiet for 5 s.</summary>
    public double Seconds { get; init; }

    /// <summary>Store A rows published again (both tables).</summary>
    public long StoreARows { get; init; }

    /// <summary>Export partners published again (the malformed ones included: the ingest grains reject them).</summary>
    public long ExportPartners { get; init; }

    /// <summary>SAP events published again.</summary>
    public long Events { get; init; }

    /// <summary>Records the ingest grains handled meanwhile, by outcome (applied, unchanged, refused, stale, malformed).</summary>
    public IReadOnlyDictionary<string, long> IngestRecordsByOutcome { get; init; } = new Dictionary<string, long>();

    /// <summary>Grain states the grid storage wrote meanwhile, summed over the silos (null when the grid is in memory).</summary>
    public long? GridStateWrites { get; init; }

    /// <summary>Writes meanwhile by state name (company, contact, partner-ingest, …), from the versions stored in MariaDB.</summary>
    public IReadOnlyDictionary<string, long> StateWritesByState { get; init; } = new Dictionary<string, long>();

    /// <summary>Methods the Bitrix24 portal ran meanwhile (null without Bitrix24).</summary>
    public long? Bitrix24Commands { get; init; }

    /// <summary>Commands the gateway sent meanwhile (null without Bitrix24).</summary>
    public long? GatewayCommands { get; init; }

    /// <summary>The portal's entities before the re-run.</summary>
    public IReadOnlyDictionary<string, int> PortalEntitiesBefore { get; init; } = new Dictionary<string, int>();

    /// <summary>The portal's entities after it.</summary>
    public IReadOnlyDictionary<string, int> PortalEntitiesAfter { get; init; } = new Dictionary<string, int>();

    /// <summary>The pipeline when the re-run had gone quiet.</summary>
    public required PipelineSnapshot Final { get; init; }

    /// <summary>The final check again, after the re-run (null without Bitrix24).</summary>
    public PortalCheckResult? Check { get; init; }
}
