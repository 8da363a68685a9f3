using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Cli.Bench;
using SyncGrid.Cli.Commands;
using SyncGrid.Cli.Hosting;
using SyncGrid.Generator;
using SyncGrid.Grains.Ingest;
using SyncGrid.Kafka;
using SyncGrid.Kafka.Mock;
using SyncGrid.Kafka.Producing;
using SyncGrid.Kafka.Progress;
using SyncGrid.Sandbox.Bitrix24;
using SyncGrid.Sandbox.Register;
using SyncGrid.Sources.Import;
using SyncGrid.Storage.Checkpoints;

namespace SyncGrid.Cli.Demo;

/// <summary>
/// One end-to-end run of the whole sync on embedded parts: generated data, store A in a private MariaDB server, the
/// librdkafka mock cluster, the register and Bitrix24 sandboxes, and one silo (or a cluster of several) in this
/// process. It feeds every source the way production does (the replica coordinator, the export importer, SAP events on
/// their topic), watches the pipeline until it has converged, and checks the portal against the generator's expected
/// outcome.
/// </summary>
public sealed partial class PipelineRun : IAsyncDisposable
{
    private const string StoreATopic = "syncgrid.store-a";
    private readonly PipelineOptions _options;
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly string _directory;
    private readonly Stopwatch _clock = new();
    private readonly List<IHost> _silos = [];
    private MockKafkaCluster? _kafka;
    private IngestRecordCounter? _ingested;
    private KafkaSourceProgressProvider? _lag;
    private long _eventsPublished;
    private long _eventsTotal;
    private long _exportsPublished;
    private long _exportsRejected;
    private long _exportsTotal;

    /// <summary>Prepares a run; nothing starts until <see cref="RunAsync"/>.</summary>
    public PipelineRun(PipelineOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.Silos < 1 || (options.Silos > 1 && options.GridConnectionString is null))
        {
            throw new ArgumentException($"Silos is {options.Silos}: one silo, or several on a MariaDB grid (GridConnectionString).", nameof(options));
        }

        Limits = new SandboxLimits(options.RegisterRate, options.Bitrix24Bucket.Burst, options.Bitrix24Bucket.Drain);
        _directory = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "syncgrid-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant());
        Directory.CreateDirectory(_directory);
    }

    /// <summary>What the run is doing now.</summary>
    public string Stage { get; private set; } = "starting";

    /// <summary>Why store A was skipped, when it was.</summary>
    public string? StoreASkipped { get; private set; }

    /// <summary>The generator's result, once generated.</summary>
    public GenerationResult? Generated { get; private set; }

    /// <summary>The Bitrix24 sandbox, once started.</summary>
    public Bitrix24Sandbox? Portal { get; private set; }

    /// <summary>The register sandbox, once started.</summary>
    public RegisterSandbox? Register { get; private set; }

    /// <summary>Where the API answers while the run lasts.</summary>
    public string? ApiUrl { get; private set; }

    /// <summary>The API's bearer token for this run (random per run).</summary>
    public string? ApiToken { get; private set; }

    /// <summary>The limits the sandboxes enforce (the options', or what <see cref="PipelineOptions.LimitsFor"/> chose).</summary>
    public SandboxLimits Limits { get; private set; }

    /// <summary>Elapsed time since the run started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Generates the data, starts every part, feeds the sources and waits until the pipeline converges.</summary>
    /// <param name="progress">Called about once a second with a fresh snapshot.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<PipelineReport> RunAsync(Action<PipelineSnapshot>? progress, CancellationToken cancellationToken)
    {
        _clock.Start();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var token = timeout.Token;
        var stages = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

        var storeAConnection = await StartStoreAAsync(token);
        Stage = "generating data";
        Generated = await new DataGenerator(new GeneratorOptions
        {
            Companies = _options.Companies,
            Seed = _options.Seed,
            OutputDirectory = Path.Combine(_directory, "data"),
            WriteStoreASql = false,
            StoreAConnectionString = storeAConnection,
            ReplaceStoreA = true,
        }).RunAsync(token);
        stages["generate"] = _clock.Elapsed;
        if (_options.LimitsFor is { } limitsFor)
        {
            Limits = limitsFor(Generated.Expected);
        }

        Stage = _options.Silos == 1 ? "starting Kafka, sandboxes and the silo" : $"starting Kafka, sandboxes and {_options.Silos} silos";
        _kafka = new MockKafkaCluster();
        foreach (var topic in new[] { StoreBStreams.Namespace, StoreATopic, StoreBImportRequest.DefaultTopic })
        {
            _kafka.CreateTopic(topic, _options.Partitions);
        }

        if (_options.Sync)
        {
            await StartSandboxesAsync(token);
        }

        ApiToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        ApiUrl = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        for (var i = 0; i < _options.Silos; i++)
        {
            _silos.Add(SiloHost.Build(null, [], SiloSettings(storeAConnection, primary: i == 0)));
        }

        // Counting starts before any silo does: the first silo ingests store A's rows while the others start.
        _ingested = new IngestRecordCounter(_silos.Select(s => s.Services.GetRequiredService<IMeterFactory>()).ToList());
        await SiloHost.MigrateIfConfiguredAsync(Primary, token);
        foreach (var silo in _silos)
        {
            await silo.StartAsync(token);
        }

        _lag = new KafkaSourceProgressProvider(Options.Create(LagOptions()), TimeProvider.System);
        stages["start"] = _clock.Elapsed;

        var ingestStart = _clock.Elapsed;
        Stage = "ingesting";
        using var feedCancel = CancellationTokenSource.CreateLinkedTokenSource(token);
        var feed = FeedAsync(again: false, feedCancel.Token);
        PipelineSnapshot snapshot;
        var stableSince = TimeSpan.Zero;
        long lastPortal = -1;
        long lastCommands = -1;
        long peakWorkingSet = 0;
        Bitrix24GatewayStats? gatewayAtLastPush = null;
        TimeSpan? ingested = null;
        TimeSpan? validated = null;
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), token);
            if (feed.IsFaulted)
            {
                await feed;
            }

            snapshot = await SnapshotAsync(feed.IsCompleted, token);
            peakWorkingSet = Math.Max(peakWorkingSet, snapshot.WorkingSetBytes);
            progress?.Invoke(snapshot);
            if (snapshot.SourcesDrained && ingested is null)
            {
                ingested = _clock.Elapsed;
                stages["ingest"] = ingested.Value - ingestStart;
                Stage = _options.Sync ? "validating and pushing" : "done";
            }

            if (!_options.Sync)
            {
                if (ingested is not null)
                {
                    break;
                }

                continue;
            }

            // Validation is done when no company awaits a verdict any more: the first snapshot of the last such stretch.
            validated = AwaitingVerdict(snapshot) > 0 ? null : validated ?? _clock.Elapsed;

            // Once drained, the replica's overlap window keeps re-reading its newest rows (idempotent, so harmless): the
            // run has converged when the portal has not changed (and no command was sent) for a while with nothing
            // pending or queued.
            var portalTotal = snapshot.PortalEntities.Values.Sum();
            var commands = snapshot.Gateway?.Commands ?? 0;
            var pushed = commands != lastCommands;
            if (pushed)
            {
                lastCommands = commands;
                gatewayAtLastPush = snapshot.Gateway;
            }

            if (portalTotal != lastPortal || pushed || snapshot.GatewayQueue > 0 || snapshot.CompaniesPending > 0 || ingested is null)
            {
                lastPortal = portalTotal;
                stableSince = _clock.Elapsed;
            }
            else if (_clock.Elapsed - stableSince >= TimeSpan.FromSeconds(5))
            {
                stages["sync"] = stableSince > ingested ? stableSince - ingested.Value : TimeSpan.Zero;
                stages["synced"] = stableSince - ingestStart;
                stages["validated"] = (validated ?? _clock.Elapsed) - ingestStart;
                break;
            }
        }

        await feed;
        Stage = "checking";
        var check = _options.Sync && Portal is not null
            ? PortalCheck.Run(Portal, Generated.Expected, snapshot, storeAIncluded: StoreASkipped is null)
            : null;
        stages["total"] = _clock.Elapsed;
        Stage = "done";
        _converged = true;
        return new PipelineReport(snapshot, check, stages, Generated, StoreASkipped)
        {
            Silos = _silos.Count,
            Limits = Limits,
            PeakWorkingSetBytes = peakWorkingSet,
            IngestRecordsByOutcome = _ingested!.Counts(),
            GridStateWrites = StorageWrites(),
            PortalCommandsByMethod = Portal?.Counts().CommandsByMethod() ?? new Dictionary<string, long>(),
            GatewayAtLastPush = gatewayAtLastPush,
        };
    }

    /// <summary>Stops the silos, the sandboxes, Kafka and the private MariaDB; deletes the working directory unless kept.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = _silos.Count - 1; i >= 0; i--)
        {
            try
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _silos[i].StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Shutting down anyway.
            }

            _silos[i].Dispose();
        }

        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        _lag?.Dispose();
        _kafka?.Dispose();
        _ingested?.Dispose();
        if (!_options.Keep)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS's temporary-file cleanup.
            }
        }
    }

    private async Task<string?> StartStoreAAsync(CancellationToken cancellationToken)
    {
        if (!_options.StoreA)
        {
            StoreASkipped = "store A turned off";
            return null;
        }

        if (EmbeddedMariaDb.WhyUnavailable() is { } reason)
        {
            StoreASkipped = reason + "; store A (the MySQL replica) is skipped and the final check cannot be exact";
            return null;
        }

        Stage = "starting a private MariaDB for store A";
        var server = await EmbeddedMariaDb.StartAsync(_directory, int.Parse(LoopbackPorts.Free(), CultureInfo.InvariantCulture), cancellationToken);
        _owned.Add(server);
        await server.CreateDatabaseAsync("store_a", cancellationToken);
        return server.ConnectionStringFor("store_a");
    }

    private async Task StartSandboxesAsync(CancellationToken cancellationToken)
    {
        Register = await RegisterSandbox.StartAsync(
            new RegisterSandboxOptions
            {
                RegisterFile = Generated!.Files.First(f => f.Kind == "register").Path,
                RateLimitPerSecond = Limits.RegisterRate,
                Latency = _options.RegisterLatency,
                DailyQuota = 10_000_000,
            },
            cancellationToken);
        _owned.Add(Register);
        Portal = await Bitrix24Sandbox.StartAsync(
            new Bitrix24SandboxOptions
            {
                BucketBurst = Limits.Bitrix24Burst,
                BucketDrainPerSecond = Limits.Bitrix24Drain,
            },
            cancellationToken);
        _owned.Add(Portal);
    }

    /// <summary>The first silo: it hosts the API, and the run reads the grid through it.</summary>
    private IHost Primary => _silos[0];

    private Dictionary<string, string?> SiloSettings(string? storeAConnection, bool primary)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:MariaDb"] = _options.GridConnectionString ?? string.Empty,
            ["Grid:SiloPort"] = LoopbackPorts.Free(),
            ["Grid:GatewayPort"] = LoopbackPorts.Free(),
            ["Grid:ClusterId"] = "syncgrid-demo-" + Path.GetFileName(_directory),
            ["Kafka:BootstrapServers"] = _kafka!.BootstrapServers,
            ["Kafka:ConsumerGroupId"] = "syncgrid-demo",
            ["Api:Enabled"] = primary ? "true" : "false",
            ["Logging:LogLevel:Default"] = _options.LogLevel,
        };
        if (primary)
        {
            settings["Api:Token"] = ApiToken;
            settings["Api:Urls"] = ApiUrl;
        }

        if (storeAConnection is not null)
        {
            settings["Sources:StoreA:ConnectionString"] = storeAConnection;
            settings["Sources:StoreA:RowsPerSecond"] = _options.StoreARowsPerSecond.ToString(CultureInfo.InvariantCulture);
            settings["Sources:StoreA:PageSize"] = "2000";
            settings["Sources:StoreA:PollInterval"] = "00:00:01";
        }

        if (Portal is not null && Register is not null)
        {
            settings["Bitrix24:WebhookUrl"] = Portal.WebhookUrl.ToString();
            settings["Bitrix24:BurstLimit"] = Limits.Bitrix24Burst.ToString(CultureInfo.InvariantCulture);
            settings["Bitrix24:DrainPerSecond"] = Limits.Bitrix24Drain.ToString(CultureInfo.InvariantCulture);
            settings["Register:BaseUrl"] = Register.BaseUrl;
            settings["Register:ApiKey"] = Register.ApiKey;

            // Each silo paces its own register client: together they stay at 90 % of what the register allows.
            settings["Register:RequestsPerSecond"] = RegisterClientRate.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }

    /// <summary>Register requests per second each silo's client is configured for.</summary>
    private double RegisterClientRate => Math.Round(Limits.RegisterRate * 0.9 / _options.Silos, 3);

    /// <summary>Companies still waiting for the register's verdict.</summary>
    private static long AwaitingVerdict(PipelineSnapshot snapshot) =>
        snapshot.CompaniesByStatus.GetValueOrDefault(CompanySyncStatus.Received) + snapshot.CompaniesByStatus.GetValueOrDefault(CompanySyncStatus.ValidationPending);

    private KafkaSourceProgressOptions LagOptions()
    {
        var options = new KafkaSourceProgressOptions { BootstrapServers = _kafka!.BootstrapServers, ConsumerGroupId = "syncgrid-demo" };
        options.Topics.Add(StoreBStreams.Namespace);
        options.Topics.Add(StoreBImportRequest.DefaultTopic);
        options.Topics.Add(StoreATopic);
        return options;
    }

    /// <summary>
    /// The store B feeds: export files oldest first (the generator's assumption), then the SAP events. Again: every
    /// export from its start, whatever its checkpoint says.
    /// </summary>
    private async Task FeedAsync(bool again, CancellationToken cancellationToken)
    {
        using var producer = new KafkaRecordProducer(
            Options.Create(new KafkaProducerOptions { BootstrapServers = _kafka!.BootstrapServers }),
            Primary.Services.GetRequiredService<KafkaMetrics>(),
            NullLogger<KafkaRecordProducer>.Instance);
        var exports = Generated!.Files.Where(f => f.Kind == "store-b-export").OrderBy(f => f.ExportedAt).ToList();
        _exportsTotal = exports.Sum(f => f.Records);
        var events = Generated.Files.Where(f => f.Kind == "store-b-events").ToList();
        _eventsTotal = events.Sum(f => f.Records);
        var importer = new StoreBExportImporter(new KafkaImportPublisher(producer), new FileSourceCheckpointStore(Path.Combine(_directory, "checkpoints")), TimeProvider.System);
        foreach (var file in exports)
        {
            var before = Interlocked.Read(ref _exportsPublished);
            var rejectedBefore = Interlocked.Read(ref _exportsRejected);
            await importer.ImportAsync(
                new StoreBImportRequest
                {
                    Path = file.Path,
                    Encoding = file.Encoding == "windows-1251" ? System.Text.Encoding.GetEncoding(1251) : System.Text.Encoding.UTF8,
                    Restart = again,
                },
                p =>
                {
                    Interlocked.Exchange(ref _exportsPublished, before + p.Published);
                    Interlocked.Exchange(ref _exportsRejected, rejectedBefore + p.Rejected);
                },
                cancellationToken);
        }

        // The history first: SAP's change events are replayed once the exports are in the grid, as an installation
        // switches from its initial load to the live topic (a deletion must find the partner it deletes).
        while ((await _lag!.GetProgressAsync(cancellationToken)).FirstOrDefault(p => p.Source.EndsWith(StoreBImportRequest.DefaultTopic, StringComparison.Ordinal))?.Lag is not 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        foreach (var file in events)
        {
            var batch = new List<KafkaRecord>(1000);
            await foreach (var message in GeneratedEventFile.ReadAsync(file.Path, cancellationToken))
            {
                batch.Add(new KafkaRecord(message.Key, message.Value));
                if (batch.Count == 1000)
                {
                    await producer.PublishAsync(StoreBStreams.Namespace, batch, cancellationToken);
                    Interlocked.Add(ref _eventsPublished, batch.Count);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await producer.PublishAsync(StoreBStreams.Namespace, batch, cancellationToken);
                Interlocked.Add(ref _eventsPublished, batch.Count);
            }
        }
    }

    private async Task<PipelineSnapshot> SnapshotAsync(bool fed, CancellationToken cancellationToken)
    {
        var services = Primary.Services;
        var grains = services.GetRequiredService<IGrainFactory>();
        StoreAStatus? storeA = null;
        if (StoreASkipped is null)
        {
            storeA = await grains.GetGrain<IStoreACoordinatorGrain>("store-a").GetStatusAsync(cancellationToken);
        }

        var lag = await _lag!.GetProgressAsync(cancellationToken);
        var lagByTopic = lag.ToDictionary(p => p.Source, p => p.Lag ?? -1, StringComparer.Ordinal);
        var counts = await services.GetRequiredService<IReadModelQueries>().CountCompaniesByStatusAsync(cancellationToken);
        var rejects = await services.GetRequiredService<IRejectStore>().CountByReasonAsync(new RejectQuery(), cancellationToken);
        Bitrix24GatewayStats? gateway = null;
        IReadOnlyDictionary<string, int> portal = new Dictionary<string, int>();
        long limitErrors = 0;
        if (Portal is not null)
        {
            gateway = await grains.GetGrain<IBitrix24GatewayGrain>("default").GetStatsAsync(cancellationToken);
            var portalCounts = Portal.Counts();
            portal = portalCounts.EntityCounts;
            limitErrors = portalCounts.QueryLimitErrors + portalCounts.OperatingLimitErrors;
        }

        var storeADone = storeA is null || (storeA.Tables.Count > 0 && storeA.Tables.All(t => t.FullExtractDone));
        var drained = fed && storeADone && lagByTopic.Count == 3 && lagByTopic.Values.All(l => l == 0);
        var pending = counts.Where(c => c.Key is CompanySyncStatus.Received or CompanySyncStatus.ValidationPending or CompanySyncStatus.SyncPending).Sum(c => c.Value);
        return new PipelineSnapshot
        {
            Elapsed = _clock.Elapsed,
            Stage = Stage,
            StoreA = storeA,
            EventsPublished = Interlocked.Read(ref _eventsPublished),
            EventsTotal = _eventsTotal,
            ExportsPublished = Interlocked.Read(ref _exportsPublished),
            ExportsRejected = Interlocked.Read(ref _exportsRejected),
            ExportsTotal = _exportsTotal,
            LagByTopic = lagByTopic,
            CompaniesByStatus = counts,
            CompaniesPending = _options.Sync ? pending : 0,
            RejectsByReason = rejects,
            Gateway = gateway,
            GatewayQueue = gateway?.QueueDepth ?? 0,
            PortalEntities = portal,
            PortalLimitErrors = limitErrors,
            RegisterStats = Register?.Stats,
            SourcesDrained = drained,
            WorkingSetBytes = Environment.WorkingSet,
        };
    }
}
