using SyncGrid.Abstractions;
using SyncGrid.Sandbox.Register;

namespace SyncGrid.Cli.Demo;

/// <summary>The pipeline at one moment: what each source has handed over, what the grid and the portal hold.</summary>
public sealed record PipelineSnapshot
{
    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>What the run is doing.</summary>
    public string Stage { get; init; } = string.Empty;

    /// <summary>The store A coordinator's status (null when store A is skipped).</summary>
    public StoreAStatus? StoreA { get; init; }

    /// <summary>SAP events published to their topic so far, and in all.</summary>
    public long EventsPublished { get; init; }

    /// <inheritdoc cref="EventsPublished"/>
    public long EventsTotal { get; init; }

    /// <summary>Export partners published (acknowledged) so far, malformed ones included; of those, the ones the reader rejected; and in all.</summary>
    public long ExportsPublished { get; init; }

    /// <inheritdoc cref="ExportsPublished"/>
    public long ExportsRejected { get; init; }

    /// <inheritdoc cref="ExportsPublished"/>
    public long ExportsTotal { get; init; }

    /// <summary>Records not yet committed by the grid, per topic (committed offset behind the high watermark).</summary>
    public IReadOnlyDictionary<string, long> LagByTopic { get; init; } = new Dictionary<string, long>();

    /// <summary>Companies per sync status (the read model).</summary>
    public IReadOnlyDictionary<CompanySyncStatus, long> CompaniesByStatus { get; init; } = new Dictionary<CompanySyncStatus, long>();

    /// <summary>Companies still on their way to a final status.</summary>
    public long CompaniesPending { get; init; }

    /// <summary>The rejects store, by reason.</summary>
    public IReadOnlyDictionary<string, long> RejectsByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>The Bitrix24 gateway's figures.</summary>
    public Bitrix24GatewayStats? Gateway { get; init; }

    /// <summary>Commands waiting in the gateway.</summary>
    public int GatewayQueue { get; init; }

    /// <summary>Entities in the sandbox portal, by type.</summary>
    public IReadOnlyDictionary<string, int> PortalEntities { get; init; } = new Dictionary<string, int>();

    /// <summary>Requests the portal refused for its limits.</summary>
    public long PortalLimitErrors { get; init; }

    /// <summary>The register sandbox's counters.</summary>
    public RegisterSandboxStats? RegisterStats { get; init; }

    /// <summary>Whether every source has been read and the grid has committed all of it.</summary>
    public bool SourcesDrained { get; init; }

    /// <summary>This process's working set.</summary>
    public long WorkingSetBytes { get; init; }
}
