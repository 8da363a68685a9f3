using SyncGrid.Abstractions;
using SyncGrid.Generator;

namespace SyncGrid.Cli.Demo;

/// <summary>The outcome of a run: the last snapshot, the final check, time per stage.</summary>
/// <param name="Final">The pipeline when it converged.</param>
/// <param name="Check">The portal against the expected outcome (null when the run did not sync to Bitrix24).</param>
/// <param name="Stages">
/// Time per stage: generate, start, ingest, sync (pushes after ingest), total; with the sync also validated (from the
/// first publish until no company awaited the register's verdict any more) and synced (from the first publish until
/// the last push).
/// </param>
/// <param name="Generated">The generated data and its expected outcome.</param>
/// <param name="StoreASkipped">Why store A was skipped, when it was.</param>
public sealed record PipelineReport(PipelineSnapshot Final, PortalCheckResult? Check, IReadOnlyDictionary<string, TimeSpan> Stages, GenerationResult Generated, string? StoreASkipped)
{
    /// <summary>Silos the run had.</summary>
    public int Silos { get; init; } = 1;

    /// <summary>The limits the sandboxes enforced.</summary>
    public SandboxLimits? Limits { get; init; }

    /// <summary>The largest working set of this process seen by the run's once-a-second snapshots.</summary>
    public long PeakWorkingSetBytes { get; init; }

    /// <summary>Methods the Bitrix24 portal ran, by method (batched commands and single requests; empty without Bitrix24).</summary>
    public IReadOnlyDictionary<string, long> PortalCommandsByMethod { get; init; } = new Dictionary<string, long>();

    /// <summary>Grain states the grid storage of every silo wrote until convergence (null when the grid is in memory).</summary>
    public long? GridStateWrites { get; init; }

    /// <summary>Records the ingest grains handled, by outcome (applied, unchanged, refused, stale, malformed).</summary>
    public IReadOnlyDictionary<string, long> IngestRecordsByOutcome { get; init; } = new Dictionary<string, long>();

    /// <summary>The Bitrix24 gateway's figures at the first snapshot after its last command (its rates then cover the pushes).</summary>
    public Bitrix24GatewayStats? GatewayAtLastPush { get; init; }
}
