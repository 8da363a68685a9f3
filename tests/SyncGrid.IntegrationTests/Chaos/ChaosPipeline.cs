using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Cli.Demo;
using SyncGrid.Generator;
using SyncGrid.Grains.Ingest;
using SyncGrid.IntegrationTests.Grid;
using SyncGrid.IntegrationTests.Sql;
using SyncGrid.Kafka;
using SyncGrid.Kafka.Mock;
using SyncGrid.Kafka.Producing;
using SyncGrid.Kafka.Progress;
using SyncGrid.Sandbox.Bitrix24;
using SyncGrid.Sandbox.Register;
using SyncGrid.Sources.Import;
using SyncGrid.Storage.Checkpoints;
using SyncGrid.Testing;
using Xunit.Abstractions;

namespace SyncGrid.IntegrationTests.Chaos;

/// <summary>
/// The whole sync on real parts for one chaos test: a generated data set (store A in a MariaDB database, the store B
/// exports and change events, the register file and the expected outcome), the librdkafka mock cluster, the register
/// and Bitrix24 sandboxes (limits scaled up so a run takes seconds), and test-cluster silos configured as
/// <c>syncgrid silo</c> configures them on MariaDB. The test feeds the sources, does its damage, and waits until the
/// portal and the grid reach the generator's expected outcome; then <see cref="PortalCheck"/> compares everything.
/// </summary>
public sealed class ChaosPipeline : IAsyncDisposable
{
    /// <summary>Store A's topic.</summary>
    public const string StoreATopic = "syncgrid.store-a";

    /// <summary>The three ingest topics.</summary>
    public static readonly IReadOnlyList<string> Topics = [StoreBStreams.Namespace, StoreBImportRequest.DefaultTopic, StoreATopic];

    /// <summary>How long the converged state must hold before it is checked (a late duplicate would show in it).</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    private readonly ChaosSettings _settings;
    private readonly ITestOutputHelper _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "syncgrid-chaos-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _group = "chaos-" + Guid.NewGuid().ToString("N")[..8];
    private readonly InMemorySourceCheckpointStore _checkpoints = new();
    private readonly MigratedDatabase _grid = new();
    private TestDatabase? _storeA;
    private KafkaRecordProducer? _producer;
    private KafkaSourceProgressProvider? _progress;
    private long _eventsPublished;

    static ChaosPipeline() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private ChaosPipeline(ChaosSettings settings, ITestOutputHelper output)
    {
        _settings = settings;
        _output = output;
    }

    /// <summary>The silos.</summary>
    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>The mock Kafka cluster.</summary>
    public MockKafkaCluster Kafka { get; private set; } = null!;

    /// <summary>The Bitrix24 sandbox portal.</summary>
    public Bitrix24Sandbox Portal { get; private set; } = null!;

    /// <summary>The register sandbox.</summary>
    public RegisterSandbox Register { get; private set; } = null!;

    /// <summary>The generated data and its expected outcome.</summary>
    public GenerationResult Generated { get; private set; } = null!;

    /// <summary>The export files, oldest first (the order the expected outcome assumes).</summary>
    public IReadOnlyList<GeneratedFile> Exports => [.. Generated.Files.Where(f => f.Kind == "store-b-export").OrderBy(f => f.ExportedAt)];

    /// <summary>The silos' Kafka consumer group.</summary>
    public string ConsumerGroup => _group;

    /// <summary>Partitions of each ingest topic.</summary>
    public int Partitions => _settings.Partitions;

    /// <summary>Whether every store B record has been published (store A publishes itself).</summary>
    public bool FeedDone { get; private set; }

    /// <summary>When the sources were first seen drained (everything published, read and committed), if they were.</summary>
    public TimeSpan? DrainedAt { get; private set; }

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Generates the data and starts every part; the silos start reading store A at once.</summary>
    public static async Task<ChaosPipeline> StartAsync(ChaosSettings settings, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        var run = new ChaosPipeline(settings, output);
        try
        {
            await run.StartPartsAsync(cancellationToken);
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes a line to the test output, prefixed with the elapsed time.</summary>
    public void Log(string message) => _output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1} s  {message}");

    /// <summary>Publishes export files through the export importer (checkpointed batches, as <c>syncgrid import</c>).</summary>
    public async Task PublishExportsAsync(IEnumerable<GeneratedFile> files, CancellationToken cancellationToken)
    {
        var importer = new StoreBExportImporter(new ProducerPublisher(_producer!), _checkpoints, TimeProvider.System);
        foreach (var file in files)
        {
            var summary = await importer.ImportAsync(
                new StoreBImportRequest
                {
                    Path = file.Path,
                    Encoding = file.Encoding == "windows-1251" ? Encoding.GetEncoding(1251) : Encoding.UTF8,
                    BatchSize = 500,
                },
                null,
                cancellationToken);
            Log($"published {Path.GetFileName(file.Path)}: {summary.Published:N0} records");
        }
    }

    /// <summary>
    /// Waits until the exports topic is drained (the generator's expected outcome assumes the history is in the grid
    /// before the change events are replayed), then publishes the change events and marks the feed done.
    /// </summary>
    public async Task PublishEventsAsync(CancellationToken cancellationToken)
    {
        while ((await LagAsync(cancellationToken)).GetValueOrDefault(StoreBImportRequest.DefaultTopic, -1) != 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        foreach (var file in Generated.Files.Where(f => f.Kind == "store-b-events"))
        {
            var batch = new List<KafkaRecord>(500);
            await foreach (var message in GeneratedEventFile.ReadAsync(file.Path, cancellationToken))
            {
                batch.Add(new KafkaRecord(message.Key, message.Value));
                if (batch.Count == 500)
                {
                    await _producer!.PublishAsync(StoreBStreams.Namespace, batch, cancellationToken);
                    _eventsPublished += batch.Count;
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await _producer!.PublishAsync(StoreBStreams.Namespace, batch, cancellationToken);
                _eventsPublished += batch.Count;
            }
        }

        Log($"published {_eventsPublished:N0} change events");
        FeedDone = true;
    }

    /// <summary>The consumer group's lag per topic (committed offsets against the ends); -1 where it cannot be read now.</summary>
    public async Task<Dictionary<string, long>> LagAsync(CancellationToken cancellationToken) =>
        (await _progress!.GetProgressAsync(cancellationToken)).ToDictionary(p => p.Source["kafka:".Length..], p => p.Lag ?? -1, StringComparer.Ordinal);

    /// <summary>Records committed by the consumer group over the three topics (durably handled by the grid).</summary>
    public async Task<long> CommittedRecordsAsync(CancellationToken cancellationToken) =>
        (await _progress!.GetProgressAsync(cancellationToken)).Sum(p => p.Processed ?? 0);

    /// <summary>Records the <c>SyncGrid</c> meter of one silo (its own meter factory, so silos are told apart).</summary>
    public MetricsRecorder RecordMetrics(SiloHandle silo) =>
        new(Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<IMeterFactory>());

    /// <summary>Activations of a grain class per silo, from the management grain.</summary>
    public async Task<Dictionary<SiloAddress, int>> ActivationsAsync(string grainClass)
    {
        var statistics = await Cluster.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics
            .Where(s => s.GrainType.Split(',')[0].EndsWith("." + grainClass, StringComparison.Ordinal))
            .GroupBy(s => s.SiloAddress)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }

    /// <summary>Where the management grain says a grain is activated (<see langword="null"/> when it is not).</summary>
    public async Task<SiloAddress?> HostOfAsync(IAddressable grain) =>
        await Cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);

    /// <summary>The pipeline's figures now: Kafka lag, store A, statuses and rejects from the read model, the gateway and the portal.</summary>
    public async Task<PipelineSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var grains = Cluster.Client;
        var lag = await LagAsync(cancellationToken);
        var storeA = await grains.GetGrain<IStoreACoordinatorGrain>(StoreAStreams.DefaultSource).GetStatusAsync(cancellationToken);
        var query = grains.GetGrain<IGridQueryGrain>(0);
        var counts = await query.CountCompaniesByStatusAsync(cancellationToken);
        var rejects = await query.CountRejectsByReasonAsync(new RejectQuery(), cancellationToken);
        var gateway = await grains.GetGrain<IBitrix24GatewayGrain>("default").GetStatsAsync(cancellationToken);
        var inspection = Portal.Inspect();
        var storeADone = storeA.Tables.Count > 0 && storeA.Tables.All(t => t.FullExtractDone);
        return new PipelineSnapshot
        {
            Elapsed = _clock.Elapsed,
            Stage = FeedDone ? "fed" : "feeding",
            StoreA = storeA,
            EventsPublished = _eventsPublished,
            LagByTopic = lag,
            CompaniesByStatus = counts,
            CompaniesPending = counts.Where(c => c.Key is CompanySyncStatus.Received or CompanySyncStatus.ValidationPending or CompanySyncStatus.SyncPending or CompanySyncStatus.Failed).Sum(c => c.Value),
            RejectsByReason = rejects,
            Gateway = gateway,
            GatewayQueue = gateway.QueueDepth,
            PortalEntities = inspection.EntityCounts,
            PortalLimitErrors = inspection.QueryLimitErrors + inspection.OperatingLimitErrors,
            RegisterStats = Register.Stats,
            // Once store A's full extract is done, its coordinator re-reads the rows of the overlap window on every poll, so its
            // topic's lag flickers: the store B topics must be drained, store A must have been read to its end.
            SourcesDrained = FeedDone && storeADone && lag.GetValueOrDefault(StoreBStreams.Namespace, -1) == 0 && lag.GetValueOrDefault(StoreBImportRequest.DefaultTopic, -1) == 0,
        };
    }

    /// <summary>
    /// Waits until the sources are drained, nothing is pending in the grid, and the grid and the portal hold the
    /// expected outcome's figures, unchanged for a few seconds; then runs the full <see cref="PortalCheck"/>. Fails
    /// with the last figures when that is not reached within <paramref name="patience"/>.
    /// </summary>
    public async Task<PortalCheckResult> ConvergeAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        PipelineSnapshot? last = null;
        string? lastFigures = null;
        TimeSpan? matchedSince = null;
        var lastLog = TimeSpan.Zero;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                last = await SnapshotAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A silo just died or a broker is down: the figures are read again on the next round.
                Log($"figures unavailable: {ex.GetType().Name}: {ex.Message}");
            }

            if (last is not null)
            {
                DrainedAt ??= last.SourcesDrained ? last.Elapsed : null;
                var figures = Fingerprint(last);
                if (!Reached(last) || figures != lastFigures)
                {
                    matchedSince = Reached(last) ? _clock.Elapsed : null;
                }
                else if (_clock.Elapsed - matchedSince >= Settle)
                {
                    Log($"converged: {Figures(last)}");
                    LogSiloWarnings();
                    return PortalCheck.Run(Portal, Generated.Expected, last, storeAIncluded: true);
                }

                lastFigures = figures;
                if (_clock.Elapsed - lastLog >= TimeSpan.FromSeconds(5))
                {
                    lastLog = _clock.Elapsed;
                    Log(Figures(last));
                }
            }

            if (watch.Elapsed > patience)
            {
                var detail = last is null ? "no figures could be read" : Figures(last);
                var check = last is null ? null : PortalCheck.Run(Portal, Generated.Expected, last, storeAIncluded: true);
                LogSiloWarnings();
                var stragglers = await StragglersAsync(cancellationToken);
                if (check is not null)
                {
                    stragglers = [.. stragglers, .. await SampleDifferencesAsync(check, cancellationToken), .. DuplicateDetails(), .. await UnpushedContactsAsync(cancellationToken)];
                }

                Assert.Fail($"The run did not converge on the expected outcome within {patience}: {detail}{(check is null ? string.Empty : Environment.NewLine + Describe(check))}"
                    + Environment.NewLine + "active in the register, not in the portal: " + Environment.NewLine + string.Join(Environment.NewLine, stragglers));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    /// <summary>Writes the silos' warnings and errors so far, counted by category and event, to the test output.</summary>
    public void LogSiloWarnings()
    {
        var summary = SiloLogCapture.For(_group).Summary();
        Log(summary.Count == 0 ? "the silos logged no warning" : "the silos' warnings and errors:" + Environment.NewLine + string.Join(Environment.NewLine, summary));
    }

    /// <summary>The failed lines and sample mismatches of a check, for an assertion message.</summary>
    public static string Describe(PortalCheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var lines = check.Lines.Where(l => !l.Passed).Select(l => $"{l.Name}: expected {l.Expected}, actual {l.Actual}");
        return string.Join(Environment.NewLine, lines.Concat(check.SampleMismatches.Select(m => "sample " + m)));
    }

    /// <summary>
    /// The companies the register reports active that are not in the portal, with what their grains say (at most 20;
    /// those withdrawn by every source are expected and left out): what a failure message needs to name the lost ones.
    /// </summary>
    public async Task<IReadOnlyList<string>> StragglersAsync(CancellationToken cancellationToken)
    {
        using var state = JsonDocument.Parse(Portal.ExportJson());
        var inPortal = state.RootElement.GetProperty("Tables").TryGetProperty("company", out var companies)
            ? companies.EnumerateObject().Select(c => c.Value.GetProperty("Fields")).Select(f => f.TryGetProperty("ORIGIN_ID", out var o) ? o.GetString() : null).ToHashSet(StringComparer.Ordinal)
            : [];
        var pending = await _grid.QueryAsync("SELECT tin FROM syncgrid_company WHERE status IN ('Received', 'ValidationPending', 'SyncPending', 'Failed') ORDER BY tin LIMIT 10");
        var lines = new List<string>();
        foreach (var tin in pending.Select(r => (string)r["tin"]!))
        {
            var snapshot = await Cluster.Client.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync(cancellationToken);
            lines.Add($"pending {tin}: {snapshot.Status} {snapshot.StatusReason}, version {snapshot.Version}, verdict {snapshot.Verdict?.Status}, not found at {snapshot.RegisterNotFoundAt:O}, "
                + $"next attempt {snapshot.NextAttemptAt:O}, last error {snapshot.LastError}, history [{string.Join(", ", snapshot.History.Select(h => h.Status))}]");
        }

        foreach (var tin in Register.Companies.Where(c => c.Status == "ACTIVE").Select(c => c.Inn).Distinct(StringComparer.Ordinal).Where(t => !inPortal.Contains(t)))
        {
            var snapshot = await Cluster.Client.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync(cancellationToken);
            if (snapshot.Status == CompanySyncStatus.Withdrawn && snapshot.Sources.Count == 0)
            {
                continue;
            }

            lines.Add($"{tin}: {(snapshot.Exists ? "exists" : "no state")}, {snapshot.Status} {snapshot.StatusReason}, sources [{string.Join(", ", snapshot.Sources)}], "
                + $"contacts {snapshot.Contacts.Count}, Bitrix24 id {snapshot.Bitrix24CompanyId}, add unknown {snapshot.Bitrix24AddOutcomeUnknown}, next attempt {snapshot.NextAttemptAt:O}, last error {snapshot.LastError}");
            if (lines.Count == 20)
            {
                break;
            }
        }

        return lines;
    }

    /// <summary>For the sample companies a check found different: the source records and contacts their grains hold against the expected ones.</summary>
    public async Task<IReadOnlyList<string>> SampleDifferencesAsync(PortalCheckResult check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var lines = new List<string>();
        foreach (var tin in check.SampleMismatches.Select(m => m.Split(':')[0]))
        {
            var expected = Generated.Expected.Sample.Single(c => c.Tin == tin);
            var snapshot = await Cluster.Client.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync(cancellationToken);
            var contacts = snapshot.Contacts.Select(c => c.Value).ToList();
            lines.Add($"sample {tin}: {snapshot.Status} {snapshot.StatusReason}, sources [{string.Join(", ", snapshot.Sources)}] (expected [{string.Join(", ", expected.Sources)}]); "
                + $"contacts missing [{string.Join(", ", expected.ContactKeys.Except(contacts))}], unexpected [{string.Join(", ", contacts.Except(expected.ContactKeys))}]");
        }

        return lines;
    }

    /// <summary>Contacts bound to a synced company (read model) that are not in the portal, with what their grains say (at most 20).</summary>
    public async Task<IReadOnlyList<string>> UnpushedContactsAsync(CancellationToken cancellationToken)
    {
        using var state = JsonDocument.Parse(Portal.ExportJson());
        var inPortal = state.RootElement.GetProperty("Tables").TryGetProperty("contact", out var contacts)
            ? contacts.EnumerateObject().Select(c => c.Value.GetProperty("Fields")).Select(f => f.TryGetProperty("ORIGIN_ID", out var o) ? o.GetString() : null).ToHashSet(StringComparer.Ordinal)
            : [];
        var bound = await _grid.QueryAsync(
            "SELECT DISTINCT cc.contact_key AS k FROM syncgrid_company_contact cc JOIN syncgrid_company c ON c.tin = cc.tin WHERE c.status = 'Synced'");
        var lines = new List<string>();
        foreach (var key in bound.Select(r => (string)r["k"]!).Where(k => !inPortal.Contains(k)).Take(20))
        {
            var snapshot = await Cluster.Client.GetGrain<IContactGrain>(key).GetSnapshotAsync(cancellationToken);
            lines.Add($"contact {key} not in the portal: Bitrix24 id {snapshot.Bitrix24ContactId}, companies [{string.Join(", ", snapshot.Merged?.Companies.Select(t => t.Value) ?? [])}], "
                + $"sources {snapshot.Sources.Count}, version {snapshot.Version}, last error {snapshot.LastError}");
        }

        return lines;
    }

    /// <summary>The portal's duplicate reports with when each copy was created (portal time), for an assertion message.</summary>
    public IReadOnlyList<string> DuplicateDetails()
    {
        using var state = JsonDocument.Parse(Portal.ExportJson());
        var tables = state.RootElement.GetProperty("Tables");
        string Created(string entity, int id) =>
            tables.TryGetProperty(entity, out var table) && table.TryGetProperty(id.ToString(CultureInfo.InvariantCulture), out var row)
                && row.GetProperty("Fields").TryGetProperty("DATE_CREATE", out var at) ? at.GetString() ?? "?" : "?";
        return [.. Portal.Inspect().OriginDuplicates.Select(d => $"{d.Entity} {d.OriginId}: {string.Join(", ", d.Ids.Select(id => $"#{id} created {Created(d.Entity, id)}"))}")];
    }

    /// <summary>
    /// Duplicates the portal's own report does not cover: requisites and bank details with the same external key
    /// (<c>XML_ID</c>), and a contact bound twice to one company.
    /// </summary>
    public IReadOnlyList<string> KeyDuplicates()
    {
        using var state = JsonDocument.Parse(Portal.ExportJson());
        var tables = state.RootElement.GetProperty("Tables");
        var duplicates = new List<string>();
        foreach (var entity in new[] { "requisite", "bankdetail" })
        {
            if (!tables.TryGetProperty(entity, out var table))
            {
                continue;
            }

            duplicates.AddRange(table.EnumerateObject()
                .Select(row => row.Value.GetProperty("Fields"))
                .Select(fields => fields.TryGetProperty("XML_ID", out var xml) && xml.ValueKind == JsonValueKind.String ? xml.GetString() : null)
                .Where(xml => !string.IsNullOrEmpty(xml))
                .GroupBy(xml => xml, StringComparer.Ordinal)
                .Where(g => g.Count() > 1)
                .Select(g => $"{entity} XML_ID {g.Key} ×{g.Count()}"));
        }

        duplicates.AddRange(state.RootElement.GetProperty("Bindings").EnumerateArray()
            .GroupBy(b => (b.GetProperty("CompanyId").GetInt32(), b.GetProperty("ContactId").GetInt32()))
            .Where(g => g.Count() > 1)
            .Select(g => $"contact {g.Key.Item2} bound to company {g.Key.Item1} ×{g.Count()}"));
        return duplicates;
    }

    /// <summary>Stops the silos, the sandboxes and Kafka; drops the databases and deletes the generated files.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            try
            {
                await Cluster.StopAllSilosAsync();
            }
            finally
            {
                await Cluster.DisposeAsync();
            }
        }

        _producer?.Dispose();
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }

        if (Register is not null)
        {
            await Register.DisposeAsync();
        }

        Kafka?.Dispose();
        if (_storeA is not null)
        {
            await _storeA.DisposeAsync();
        }

        await _grid.DisposeAsync();
        SiloLogCapture.Release(_group);
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Whether the sources are drained, nothing is pending, and the grid's and the portal's figures are the expected ones.</summary>
    private bool Reached(PipelineSnapshot s)
    {
        var expected = Generated.Expected;
        int Portal(string entity) => s.PortalEntities.GetValueOrDefault(entity);
        long Status(CompanySyncStatus status) => s.CompaniesByStatus.GetValueOrDefault(status);
        return s.SourcesDrained
            && s.CompaniesPending == 0
            && s.GatewayQueue == 0
            && Status(CompanySyncStatus.Synced) == expected.Companies.Synced
            && Status(CompanySyncStatus.Inactive) == expected.Companies.Inactive
            && Status(CompanySyncStatus.Rejected) == expected.Companies.RejectedByRegister
            && s.RejectsByReason.Values.Sum() == expected.Rejects.Total
            && Portal("company") == expected.Bitrix24.Companies
            && Portal("contact") == expected.Bitrix24.Contacts
            && Portal("requisite") == expected.Bitrix24.Requisites
            && Portal("bankdetail") == expected.Bitrix24.BankDetails
            && Portal("binding") == expected.Bitrix24.ContactBindings;
    }

    /// <summary>What must hold still once converged: statuses, rejects, the portal's content and its duplicate reports.</summary>
    private static string Fingerprint(PipelineSnapshot s) =>
        string.Join(";", s.CompaniesByStatus.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"))
        + "|" + s.RejectsByReason.Values.Sum()
        + "|" + string.Join(";", s.PortalEntities.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"))
        + "|" + s.GatewayQueue;

    private string Figures(PipelineSnapshot s)
    {
        var expected = Generated.Expected;
        string Portal(string entity, int wanted) => $"{entity} {s.PortalEntities.GetValueOrDefault(entity)}/{wanted}";
        long Status(CompanySyncStatus status) => s.CompaniesByStatus.GetValueOrDefault(status);
        var storeA = s.StoreA is { } a ? string.Join(",", a.Tables.Select(t => $"{t.Table}{(t.FullExtractDone ? " done" : " reading")}")) : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"fed {FeedDone}, store A [{storeA}], lag [{string.Join(", ", s.LagByTopic.Select(l => $"{l.Key} {l.Value}"))}], "
            + $"read model [{string.Join(", ", s.CompaniesByStatus.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}], "
            + $"synced {Status(CompanySyncStatus.Synced)}/{expected.Companies.Synced}, inactive {Status(CompanySyncStatus.Inactive)}/{expected.Companies.Inactive}, "
            + $"rejected {Status(CompanySyncStatus.Rejected)}/{expected.Companies.RejectedByRegister}, pending {s.CompaniesPending}, "
            + $"rejects {s.RejectsByReason.Values.Sum()}/{expected.Rejects.Total}, gateway queue {s.GatewayQueue}, portal: "
            + $"{Portal("company", expected.Bitrix24.Companies)}, {Portal("contact", expected.Bitrix24.Contacts)}, {Portal("requisite", expected.Bitrix24.Requisites)}, "
            + $"{Portal("bankdetail", expected.Bitrix24.BankDetails)}, {Portal("binding", expected.Bitrix24.ContactBindings)}");
    }

    private async Task StartPartsAsync(CancellationToken cancellationToken)
    {
        await _grid.InitializeAsync();
        _storeA = await TestDatabase.CreateAsync("chaos_sa", cancellationToken);
        Generated = await new DataGenerator(new GeneratorOptions
        {
            Companies = _settings.Companies,
            Seed = _settings.Seed,
            OutputDirectory = Path.Combine(_directory, "data"),
            WriteStoreASql = false,
            StoreAConnectionString = _storeA.ConnectionString,
            ReplaceStoreA = true,
        }).RunAsync(cancellationToken);
        var expected = Generated.Expected;
        Log($"generated {_settings.Companies:N0} company records (seed {_settings.Seed}): expected {expected.Bitrix24.Companies:N0} companies, "
            + $"{expected.Bitrix24.Contacts:N0} contacts, {expected.Bitrix24.Requisites:N0} requisites, {expected.Bitrix24.BankDetails:N0} bank details, "
            + $"{expected.Bitrix24.ContactBindings:N0} bindings, {expected.Rejects.Total:N0} rejects");

        Kafka = new MockKafkaCluster(_settings.Brokers);
        foreach (var topic in Topics)
        {
            Kafka.CreateTopic(topic, _settings.Partitions);
        }

        // The sandboxes' limits are scaled up so a run takes seconds: the register answers 1,000 lookups/s after 5 ms,
        // the portal's bucket drains 20 requests/s (1,000 commands/s in batches of 50) after a burst of 250.
        Register = await RegisterSandbox.StartAsync(
            new RegisterSandboxOptions
            {
                RegisterFile = Generated.Files.First(f => f.Kind == "register").Path,
                RateLimitPerSecond = 1_000,
                Latency = TimeSpan.FromMilliseconds(5),
                DailyQuota = 10_000_000,
            },
            cancellationToken);
        Portal = await Bitrix24Sandbox.StartAsync(
            new Bitrix24SandboxOptions
            {
                BucketBurst = 250,
                BucketDrainPerSecond = 20,
                WaitForLatency = false,
                RandomSeed = (int)_settings.Seed,
                // What a lost answer of the "timeout" kind holds back before its 504 page.
                RequestTimeout = TimeSpan.FromSeconds(3),
                ConfigureFaults = _settings.PortalFaults,
            },
            cancellationToken);

        var builder = new TestClusterBuilder((short)_settings.Silos);
        builder.Options.UseTestClusterMembership = false;
        foreach (var (key, value) in SiloSettings())
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<SyncGridClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync(cancellationToken);
        Log($"{_settings.Silos} silo(s) up on MariaDB, Kafka with {_settings.Brokers} broker(s) and {_settings.Partitions} partitions per topic");

        _producer = new KafkaRecordProducer(
            Options.Create(new KafkaProducerOptions { BootstrapServers = Kafka.BootstrapServers }),
            new KafkaMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
            NullLogger<KafkaRecordProducer>.Instance);
        var progress = new KafkaSourceProgressOptions { BootstrapServers = Kafka.BootstrapServers, ConsumerGroupId = _group, RequestTimeout = TimeSpan.FromSeconds(2) };
        foreach (var topic in Topics)
        {
            progress.Topics.Add(topic);
        }

        _progress = new KafkaSourceProgressProvider(Options.Create(progress), TimeProvider.System);
    }

    /// <summary>The configuration every silo reads, as a deployment's would set it.</summary>
    private Dictionary<string, string> SiloSettings() => new(StringComparer.Ordinal)
    {
        ["Chaos:Run"] = _group,
        ["ConnectionStrings:MariaDb"] = _grid.ConnectionString,
        ["Kafka:BootstrapServers"] = Kafka.BootstrapServers,
        ["Kafka:ConsumerGroupId"] = _group,
        ["Kafka:PollPeriod"] = "00:00:00.050",
        ["Sources:StoreA:ConnectionString"] = _storeA!.ConnectionString,
        ["Sources:StoreA:RowsPerSecond"] = _settings.StoreARowsPerSecond.ToString(CultureInfo.InvariantCulture),
        ["Sources:StoreA:PageSize"] = "200",
        ["Sources:StoreA:PollInterval"] = "00:00:01",
        ["Bitrix24:WebhookUrl"] = Portal.WebhookUrl.ToString(),
        ["Bitrix24:BurstLimit"] = "250",
        ["Bitrix24:DrainPerSecond"] = "20",
        ["Bitrix24:RequestTimeout"] = "00:00:05",
        ["Register:BaseUrl"] = Register.BaseUrl,
        ["Register:ApiKey"] = Register.ApiKey,
        ["Register:RequestsPerSecond"] = "500",
        // Retries start after a second and back off to five (production: 5 s to 10 minutes), so a recovery shows within the test.
        ["Sync:RetryBaseDelay"] = "00:00:01",
        ["Sync:MaxRetryDelay"] = "00:00:05",
    };

    /// <summary>The export importer's publisher: one acknowledged Kafka publish per batch.</summary>
    private sealed class ProducerPublisher(KafkaRecordProducer producer) : IImportPublisher
    {
        public async Task PublishAsync(string topic, IReadOnlyList<ImportRecord> records, CancellationToken cancellationToken = default) =>
            await producer.PublishAsync(topic, [.. records.Select(r => new KafkaRecord(r.Key, r.Value))], cancellationToken);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            SyncGridSiloConfigurator.ConfigureSilo(siloBuilder);
            siloBuilder.Services.AddSingleton<ILoggerProvider>(SiloLogCapture.For(siloBuilder.Configuration["Chaos:Run"]!));
        }
    }
}
