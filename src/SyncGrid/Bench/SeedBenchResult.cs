using SyncGrid.Cli.Demo;

namespace SyncGrid.Cli.Bench;

/// <summary>Everything <c>bench seed</c> measured: its settings and one run per silo count.</summary>
internal sealed record SeedBenchReport(SeedBenchSettings Settings, DateTimeOffset FinishedAt, int ProcessorCount, IReadOnlyList<SeedBenchRun> Runs, IReadOnlyList<string> Failures)
{
    /// <summary>Whether every silo count finished and its portal held exactly the expected outcome, before and after its re-run.</summary>
    public bool Passed => Failures.Count == 0 && Runs.Count > 0 && Runs.All(r => r.Passed && r.Rerun.CheckPassed);
}

/// <summary>One silo count's figures.</summary>
internal sealed record SeedBenchRun
{
    public required int Silos { get; init; }

    /// <summary>The final check against the generator's expected outcome.</summary>
    public required bool Passed { get; init; }

    public string? StoreASkipped { get; init; }

    public required SeedStages Stages { get; init; }

    public required SeedIngest Ingest { get; init; }

    public required SeedRegister Register { get; init; }

    public required SeedBitrix24 Bitrix24 { get; init; }

    public required SeedOverlap Overlap { get; init; }

    /// <summary>The final check's lines: expected and actual counts.</summary>
    public required IReadOnlyList<CheckLine> Counts { get; init; }

    public required IReadOnlyList<string> SampleMismatches { get; init; }

    public required IReadOnlyDictionary<string, long> CompaniesByStatus { get; init; }

    public required SeedRerun Rerun { get; init; }
}

/// <summary>
/// Seconds per stage, and the CPU seconds this process used until convergence. Generate includes starting store A's MariaDB; start is Kafka, the sandboxes and the silos;
/// ingest, register validation and Bitrix24 sync are measured from the first publish, so they overlap.
/// </summary>
internal sealed record SeedStages(double Generate, double Start, double Ingest, double? RegisterValidated, double Bitrix24Synced, double Total, double ProcessCpu);

/// <summary>Ingest throughput and memory.</summary>
internal sealed record SeedIngest(
    long KafkaRecords,
    long SourceRecordsWithContactRows,
    double KafkaRecordsPerSecond,
    double SourceRecordsPerSecond,
    IReadOnlyDictionary<string, long> RecordsHandledByOutcome,
    long GridStateWrites,
    long CompaniesInGrid,
    double PeakWorkingSetMiB);

/// <summary>Register lookups against what was seen and what the register allows.</summary>
internal sealed record SeedRegister(
    long Lookups,
    long Throttled,
    long ValidTins,
    long CompanySourceRecords,
    double LookupsPerValidTin,
    double LookupsPerCompanyRecord,
    int RateLimit,
    double ClientRate,
    double? LookupsPerSecond);

/// <summary>Bitrix24 pushes against what the portal allows.</summary>
internal sealed record SeedBitrix24(
    long Commands,
    long Requests,
    int Burst,
    double Drain,
    double CommandsPerSecond,
    double AllowedCommandsPerSecond,
    double RatioToAllowed,
    long GatewayLimitErrors,
    long PortalLimitErrors,
    long MinimumCommands,
    IReadOnlyDictionary<string, long> CommandsByMethod);

/// <summary>The stage-overlap figure: the end-to-end first sync against the slower of the two floors.</summary>
/// <remarks>
/// The Bitrix24 floor counts the commands sent, updates of companies pushed before their last record arrived included;
/// the floor of the minimum commands (one add per expected entity) shows what that costs.
/// </remarks>
internal sealed record SeedOverlap(
    double FirstSyncSeconds,
    double RegisterFloorSeconds,
    double Bitrix24FloorSeconds,
    string SlowerFloor,
    double RatioToSlowerFloor,
    double SumOfFloorsSeconds,
    double Bitrix24FloorOfMinimumSeconds,
    double RatioToSlowerMinimumFloor);

/// <summary>The same input again after convergence.</summary>
internal sealed record SeedRerun(
    double Seconds,
    long RecordsFed,
    long StoreARows,
    long ExportPartners,
    long Events,
    IReadOnlyDictionary<string, long> RecordsHandledByOutcome,
    long GridStateWrites,
    IReadOnlyDictionary<string, long> StateWritesByState,
    long Bitrix24Commands,
    long GatewayCommands,
    bool PortalUnchanged,
    bool CheckPassed);
