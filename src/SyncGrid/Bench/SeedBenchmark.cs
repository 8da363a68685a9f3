using System.Diagnostics;
using System.Text.Json.Serialization;
using MySqlConnector;
using SyncGrid.Cli.Demo;
using SyncGrid.Generator;
using SyncGrid.Storage.Schema;

namespace SyncGrid.Cli.Bench;

/// <summary>
/// The whole pipeline at volume, once per silo count: generated data through store A's replica extractor, the export
/// importer and SAP events, the mock Kafka cluster and the grid on MariaDB (a fresh database each time), register
/// validation and Bitrix24 pushes against both sandboxes with their limits scaled to the volume; then the same input
/// again, which must change nothing. Each silo count gets its own cluster, data, sandboxes and database.
/// </summary>
internal static class SeedBenchmark
{
    /// <summary>Commands each request carries at most (one Bitrix24 batch).</summary>
    public const int CommandsPerRequest = 50;

    public static async Task<SeedBenchReport> RunAsync(SeedBenchSettings settings, Action<int, PipelineSnapshot>? progress, CancellationToken cancellationToken)
    {
        var runs = new List<SeedBenchRun>();
        var failures = new List<string>();
        foreach (var silos in settings.Silos)
        {
            try
            {
                runs.Add(await RunOnceAsync(settings, silos, progress is null ? null : s => progress(silos, s), cancellationToken));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
            {
                // A silo count that times out or fails must not cost the report of those that finished.
                failures.Add($"{silos} silo(s): {e.GetType().Name}: {e.Message}");
            }

            // The next cluster starts from a collected heap, so its peak working set is its own.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return new SeedBenchReport(settings, TimeProvider.System.GetUtcNow(), Environment.ProcessorCount, runs, failures);
    }

    /// <summary>
    /// The sandboxes' limits for the generated volume: the Bitrix24 bucket drains the expected commands in the chosen
    /// time at 50 commands a request, and the register allows the valid TINs in <c>RegisterFloorShare</c> of it; explicit
    /// settings win.
    /// </summary>
    public static SandboxLimits LimitsFor(ExpectedOutcome expected, SeedBenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var seconds = SyncSeconds(settings);
        var drain = settings.Bitrix24Drain ?? Math.Max(0.05, Math.Round(EstimatedCommands(expected) / (CommandsPerRequest * seconds), 2));
        var burst = settings.Bitrix24Burst ?? Math.Max(5, (int)Math.Ceiling(drain * 5));
        var register = settings.RegisterRate ?? Math.Max(2, (int)Math.Ceiling(expected.Companies.ValidTins / (settings.RegisterFloorShare * seconds)));
        return new SandboxLimits(register, burst, drain);
    }

    /// <summary>
    /// The Bitrix24 floor aimed at: given, or 30 minutes at the seed volume (about 600 commands/s, what this 2-core
    /// machine pushes beside the rest of the pipeline) and proportionally less below it, at least one minute.
    /// </summary>
    public static double SyncSeconds(SeedBenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.SyncMinutes is { } minutes
            ? minutes * 60
            : Math.Max(60, 30 * 60.0 * settings.Companies / GeneratorScale.Seed);
    }

    /// <summary>
    /// The commands a first sync needs at least: one add per company, requisite, bank detail and contact, and one more
    /// binding per contact bound to a second company. Only sizes the limits; the report uses the commands sent.
    /// </summary>
    public static long EstimatedCommands(ExpectedOutcome expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var b = expected.Bitrix24;
        return (long)b.Companies + b.Requisites + b.BankDetails + b.Contacts + Math.Max(0, b.ContactBindings - b.Contacts);
    }

    private static async Task<SeedBenchRun> RunOnceAsync(SeedBenchSettings settings, int silos, Action<PipelineSnapshot>? progress, CancellationToken cancellationToken)
    {
        var server = new MySqlConnectionStringBuilder(settings.ServerConnectionString);
        var database = $"syncgrid_seed_{Guid.NewGuid():N}"[..28];
        server.Database = database;
        // The silos of this process share one connection pool: about 40 connections each (the server allows 1,000).
        server.MaximumPoolSize = (uint)(40 * silos);
        await SchemaMigrator.MigrateAsync(server.ConnectionString, cancellationToken: cancellationToken);
        try
        {
            await using var run = new PipelineRun(new PipelineOptions
            {
                Companies = settings.Companies,
                Seed = settings.Seed,
                GridConnectionString = server.ConnectionString,
                Silos = silos,
                Partitions = settings.Partitions,
                StoreARowsPerSecond = settings.StoreARowsPerSecond,
                LimitsFor = expected => LimitsFor(expected, settings),
                Timeout = TimeSpan.FromMinutes(settings.TimeoutMinutes),
                Keep = settings.KeepDatabase,
                LogLevel = settings.LogLevel,
            });
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var report = await run.RunAsync(progress, cancellationToken);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var rerun = await run.RerunUnchangedAsync(progress, cancellationToken);
            return Figures(report, rerun, silos, run.Limits, cpu);
        }
        finally
        {
            if (!settings.KeepDatabase)
            {
                await GridBenchmark.DropAsync(settings.ServerConnectionString, database);
            }
        }
    }

    private static SeedBenchRun Figures(PipelineReport report, RerunReport rerun, int silos, SandboxLimits limits, TimeSpan cpu)
    {
        var final = report.Final;
        var expected = report.Generated.Expected;
        static double Seconds(PipelineReport report, string stage) => report.Stages[stage].TotalSeconds;
        double? validated = report.Stages.TryGetValue("validated", out var v) ? v.TotalSeconds : null;

        var ingest = Seconds(report, "ingest");
        // The importer publishes malformed partners too (the ingest grains record them as rejects), so published counts them.
        var kafkaRecords = (long)expected.Raw.StoreA.CompanyRows + expected.Raw.StoreA.ContactRows + final.ExportsPublished + final.EventsPublished;
        var sourceRecords = (long)expected.Raw.StoreA.CompanyRows + expected.Raw.StoreA.ContactRows + expected.Raw.StoreB.Partners + expected.Raw.StoreB.ContactRows + final.EventsPublished;
        var companyRecords = (long)expected.Raw.StoreA.CompanyRows + final.ExportsPublished + final.EventsPublished;

        var gateway = report.GatewayAtLastPush ?? final.Gateway;
        var commands = gateway?.Commands ?? 0;
        var allowed = CommandsPerRequest * limits.Bitrix24Drain;
        var registerFloor = expected.Companies.ValidTins / (double)limits.RegisterRate;
        var bitrix24Floor = commands / allowed;
        var minimumFloor = EstimatedCommands(expected) / allowed;
        var firstSync = Seconds(report, "synced");
        var lookups = final.RegisterStats?.Requests ?? 0;

        return new SeedBenchRun
        {
            Silos = silos,
            Passed = report.Check?.Passed == true,
            StoreASkipped = report.StoreASkipped,
            Stages = new SeedStages(
                Generate: Seconds(report, "generate"),
                Start: Seconds(report, "start") - Seconds(report, "generate"),
                Ingest: ingest,
                RegisterValidated: validated,
                Bitrix24Synced: firstSync,
                Total: Seconds(report, "total"),
                ProcessCpu: cpu.TotalSeconds),
            Ingest = new SeedIngest(
                KafkaRecords: kafkaRecords,
                SourceRecordsWithContactRows: sourceRecords,
                KafkaRecordsPerSecond: kafkaRecords / ingest,
                SourceRecordsPerSecond: sourceRecords / ingest,
                RecordsHandledByOutcome: report.IngestRecordsByOutcome,
                GridStateWrites: report.GridStateWrites ?? -1,
                CompaniesInGrid: final.CompaniesByStatus.Values.Sum(),
                PeakWorkingSetMiB: report.PeakWorkingSetBytes / (1024.0 * 1024.0)),
            Register = new SeedRegister(
                Lookups: lookups,
                Throttled: final.RegisterStats?.Count(429) ?? 0,
                ValidTins: expected.Companies.ValidTins,
                CompanySourceRecords: companyRecords,
                LookupsPerValidTin: lookups / (double)Math.Max(1, expected.Companies.ValidTins),
                LookupsPerCompanyRecord: lookups / (double)Math.Max(1, companyRecords),
                RateLimit: limits.RegisterRate,
                ClientRate: Math.Round(limits.RegisterRate * 0.9, 3),
                LookupsPerSecond: validated is > 0 ? lookups / validated.Value : null),
            Bitrix24 = new SeedBitrix24(
                Commands: commands,
                Requests: gateway?.Requests ?? 0,
                Burst: limits.Bitrix24Burst,
                Drain: limits.Bitrix24Drain,
                CommandsPerSecond: gateway?.CommandsPerSecond ?? 0,
                AllowedCommandsPerSecond: allowed,
                RatioToAllowed: (gateway?.CommandsPerSecond ?? 0) / allowed,
                GatewayLimitErrors: (gateway?.RateLimitErrors ?? 0) + (gateway?.OperatingLimitErrors ?? 0),
                PortalLimitErrors: final.PortalLimitErrors,
                MinimumCommands: EstimatedCommands(expected),
                CommandsByMethod: report.PortalCommandsByMethod),
            Overlap = new SeedOverlap(
                FirstSyncSeconds: firstSync,
                RegisterFloorSeconds: registerFloor,
                Bitrix24FloorSeconds: bitrix24Floor,
                SlowerFloor: registerFloor >= bitrix24Floor ? "register" : "bitrix24",
                RatioToSlowerFloor: firstSync / Math.Max(registerFloor, bitrix24Floor),
                SumOfFloorsSeconds: registerFloor + bitrix24Floor,
                Bitrix24FloorOfMinimumSeconds: minimumFloor,
                RatioToSlowerMinimumFloor: firstSync / Math.Max(registerFloor, minimumFloor)),
            Counts = report.Check?.Lines ?? [],
            SampleMismatches = report.Check?.SampleMismatches ?? [],
            CompaniesByStatus = final.CompaniesByStatus.ToDictionary(c => c.Key.ToString(), c => c.Value, StringComparer.Ordinal),
            Rerun = new SeedRerun(
                Seconds: rerun.Seconds,
                RecordsFed: rerun.StoreARows + rerun.ExportPartners + rerun.Events,
                StoreARows: rerun.StoreARows,
                ExportPartners: rerun.ExportPartners,
                Events: rerun.Events,
                RecordsHandledByOutcome: rerun.IngestRecordsByOutcome,
                GridStateWrites: rerun.GridStateWrites ?? -1,
                StateWritesByState: rerun.StateWritesByState,
                Bitrix24Commands: rerun.Bitrix24Commands ?? -1,
                GatewayCommands: rerun.GatewayCommands ?? -1,
                PortalUnchanged: rerun.PortalEntitiesBefore.Count == rerun.PortalEntitiesAfter.Count
                    && rerun.PortalEntitiesBefore.All(e => rerun.PortalEntitiesAfter.GetValueOrDefault(e.Key) == e.Value),
                CheckPassed: rerun.Check?.Passed == true),
        };
    }
}

/// <summary>Settings of <c>bench seed</c>.</summary>
/// <param name="ServerConnectionString">The MariaDB server of the grid (a fresh database per silo count); a secret, never in the report.</param>
/// <param name="Companies">The generator's scale.</param>
/// <param name="Seed">The generator's seed.</param>
/// <param name="Silos">Silo counts, run one after the other.</param>
/// <param name="Partitions">Partitions per topic.</param>
/// <param name="StoreARowsPerSecond">The replica extractor's pace.</param>
/// <param name="SyncMinutes">The Bitrix24 floor to size the portal's drain for; null picks by scale.</param>
/// <param name="RegisterFloorShare">The register floor as a share of the Bitrix24 floor, to size the register's rate.</param>
/// <param name="RegisterRate">The register's requests/s, when given instead.</param>
/// <param name="Bitrix24Drain">The portal's drain (requests/s), when given instead.</param>
/// <param name="Bitrix24Burst">The portal's burst (requests), when given instead.</param>
/// <param name="TimeoutMinutes">How long one silo count's run (and its re-run) may take.</param>
/// <param name="KeepDatabase">Keep the grid databases and working directories.</param>
/// <param name="LogLevel">The silos' console log level.</param>
internal sealed record SeedBenchSettings(
    [property: JsonIgnore] string ServerConnectionString,
    int Companies,
    long Seed,
    IReadOnlyList<int> Silos,
    int Partitions,
    int StoreARowsPerSecond,
    double? SyncMinutes,
    double RegisterFloorShare,
    int? RegisterRate,
    double? Bitrix24Drain,
    int? Bitrix24Burst,
    int TimeoutMinutes,
    bool KeepDatabase,
    string LogLevel = "Critical");
