using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Api.Hosting;
using SyncGrid.Grains;
using SyncGrid.Grains.Bitrix24;
using SyncGrid.Grains.Ingest;
using SyncGrid.Kafka.Mock;
using SyncGrid.Sandbox.Bitrix24;
using SyncGrid.Sandbox.Register;
using SyncGrid.Sources.Import;
using SyncGrid.Sources.StoreA;
using SyncGrid.Storage.Checkpoints;
using SyncGrid.Storage.ReadModel;
using SyncGrid.Storage.Rejects;

namespace SyncGrid.Api.Tests;

/// <summary>
/// The API on a real Kestrel host (a free loopback port) over an in-process test cluster wired to the register and
/// Bitrix24 sandboxes over real HTTP, with the in-memory read model and rejects store, and Kafka progress read from a
/// librdkafka mock cluster, store A's coordinator over an in-memory replica publishing to that mock cluster, and export
/// checkpoints in memory. Shared by the API and CLI tests (one collection, run one after another).
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string Token = "api-tests-token-0123456789";
    public const string ProgressTopic = "api-progress";
    public const string ProgressGroup = "api-progress-group";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private InProcessTestCluster? _cluster;
    private WebApplication? _api;
    private ServiceProvider? _host;

    public Bitrix24Sandbox Portal { get; private set; } = null!;

    public RegisterSandbox Register { get; private set; } = null!;

    public MockKafkaCluster Kafka { get; } = new(1);

    public InMemoryReadModel ReadModel { get; } = new();

    public InMemoryRejectStore Rejects { get; } = new(TimeProvider.System);

    /// <summary>The store A replica the coordinator (<c>store-a</c>) reads; it polls only when asked.</summary>
    public StoreAReplica StoreA { get; } = new();

    /// <summary>The export checkpoints the API reports.</summary>
    public InMemorySourceCheckpointStore Checkpoints { get; } = new();

    /// <summary>TINs the register reports ACTIVE; take them with <see cref="NextActive"/>.</summary>
    public List<string> Active { get; } = [];

    public IGrainFactory Grains => _cluster!.Client;

    public InProcessTestCluster Cluster => _cluster!;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>A client that sends the token.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>A client that sends no token.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    private int _nextActive = -1;

    public string NextActive() => Active[Interlocked.Increment(ref _nextActive)];

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 40; i++)
        {
            Active.Add(Sample.NewTin());
        }

        Register = await RegisterSandbox.StartAsync(new RegisterSandboxOptions
        {
            Latency = TimeSpan.FromMilliseconds(2),
            RateLimitPerSecond = 1000,
            Companies = [.. Active.Select(RegisterCompany)],
        });
        Portal = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { WaitForLatency = false, BucketBurst = 20, BucketDrainPerSecond = 50, RandomSeed = 7, RequestTimeout = TimeSpan.FromSeconds(6) });
        Kafka.CreateTopic(ProgressTopic, 2);
        Kafka.CreateTopic(StoreAOptions.DefaultTopic, 1);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bitrix24:WebhookUrl"] = Portal.WebhookUrl.ToString(),
            ["Bitrix24:ReadRetries"] = "1",
            ["Bitrix24:RequestTimeout"] = "00:00:05",
            ["Register:BaseUrl"] = Register.BaseUrl.ToString(),
            ["Register:ApiKey"] = Register.ApiKey,
            ["Register:RequestsPerSecond"] = "500",
            ["Register:MaxRetryAttempts"] = "0",
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSyncGridMemoryGrainStorage(GrainStorageNames.Grid);
            silo.UseInMemoryReminderService();
            silo.AddSyncGridGrains();
            silo.Services.AddSingleton(ReadModel);
            silo.Services.AddSingleton<IReadModelWriter>(ReadModel);
            silo.Services.AddSingleton<IReadModelQueries>(ReadModel);
            silo.Services.AddSingleton<IRejectStore>(Rejects);
            silo.Services.AddBitrix24Client(configuration.GetSection("Bitrix24"));
            silo.Services.AddRegisterClient(configuration.GetSection("Register"));
            silo.Services.Configure<Bitrix24GatewayOptions>(o =>
            {
                o.BurstLimit = 20;
                o.DrainPerSecond = 50;
            });
            silo.Services.AddSingleton<IStoreAReader>(StoreA);
            silo.Services.AddKafkaRecordProducer(o => o.BootstrapServers = Kafka.BootstrapServers);
            silo.Services.AddSingleton<IStoreARecordPublisher, KafkaStoreAPublisher>();
            silo.Services.AddOptions<StoreAOptions>().Configure(o =>
            {
                o.ConnectionString = "Server=in-memory";
                o.PageSize = 2;
                o.PollInterval = TimeSpan.FromHours(1);
            });
            silo.Services.Configure<CompanySyncOptions>(o =>
            {
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
                o.MaxRetryDelay = TimeSpan.FromSeconds(1);
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();

        // What `syncgrid api` has on MariaDB: a cluster client, the read model and rejects store, the progress of Kafka,
        // store A and the export checkpoints.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IGrainFactory>(_cluster.Client);
        services.AddSingleton<IReadModelQueries>(ReadModel);
        services.AddSingleton<IRejectStore>(Rejects);
        services.AddKafkaSourceProgress(o =>
        {
            o.BootstrapServers = Kafka.BootstrapServers;
            o.ConsumerGroupId = ProgressGroup;
            o.Topics.Add(ProgressTopic);
            o.Topics.Add(StoreAOptions.DefaultTopic);
        });
        services.AddStoreASourceProgress(StoreAStreams.DefaultSource);
        services.AddSingleton<ISourceCheckpointStore>(Checkpoints);
        services.AddExportCheckpointProgress();
        _host = services.BuildServiceProvider();
        (_api, BaseUrl) = await StartApiAsync(_host);
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Anonymous = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Starts an API over <paramref name="host"/> on a free loopback port.</summary>
    public static async Task<(WebApplication App, Uri BaseUrl)> StartApiAsync(IServiceProvider host)
    {
        var app = SyncGridApiServer.Build(new SyncGridApiOptions { Token = Token, Urls = "http://127.0.0.1:0" }, host);
        await app.StartAsync();
        return (app, new Uri(app.Urls.First() + "/"));
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        Anonymous?.Dispose();
        if (_api is not null)
        {
            await _api.StopAsync();
            await _api.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await Portal.DisposeAsync();
        await Register.DisposeAsync();
        Kafka.Dispose();
    }

    /// <summary>Waits until every company has <paramref name="status"/>, or fails naming those that have not.</summary>
    public async Task WaitForAsync(IReadOnlyList<string> tins, CompanySyncStatus status, Func<CompanySyncSnapshot, bool>? also = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var states = await Task.WhenAll(tins.Select(t => Grains.GetGrain<ICompanyGrain>(t).GetSyncStateAsync()));
            if (states.All(s => s.Status == status && (also?.Invoke(s) ?? true)))
            {
                return;
            }

            if (watch.Elapsed > Deadline)
            {
                var stuck = states.Where(s => s.Status != status || !(also?.Invoke(s) ?? true)).Select(s => $"{s.Tin}: {s.Status} {s.StatusReason}");
                Assert.Fail($"Not all companies reached {status} within {Deadline}: {string.Join("; ", stuck.Take(5))}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Publishes <paramref name="perPartition"/> messages to each of the 2 partitions of the progress topic.</summary>
    public async Task PublishProgressAsync(int perPartition)
    {
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = Kafka.BootstrapServers }).Build();
        for (var p = 0; p < 2; p++)
        {
            for (var i = 0; i < perPartition; i++)
            {
                await producer.ProduceAsync(new TopicPartition(ProgressTopic, new Partition(p)), new Message<Null, string> { Value = i.ToString(CultureInfo.InvariantCulture) });
            }
        }
    }

    /// <summary>Commits <paramref name="offset"/> of partition 0 of the progress topic for the progress group.</summary>
    public void CommitProgress(long offset)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = Kafka.BootstrapServers, GroupId = ProgressGroup }).Build();
        consumer.Commit([new TopicPartitionOffset(ProgressTopic, new Partition(0), new Offset(offset))]);
    }

    private static RegisterSandboxCompany RegisterCompany(string tin) => new()
    {
        Inn = tin,
        Kpp = tin[..4] + "01001",
        Ogrn = Ogrn(tin),
        FullName = $"ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"КОМПАНИЯ {tin}\"",
        ShortName = $"ООО \"КОМПАНИЯ {tin}\"",
        ShortWithOpf = $"ООО \"КОМПАНИЯ {tin}\"",
        FullWithOpf = $"ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"КОМПАНИЯ {tin}\"",
        OpfShort = "ООО",
        Status = "ACTIVE",
        Address = "г Москва",
    };

    private static string Ogrn(string tin)
    {
        var body = "102" + tin[..9];
        return body + (long.Parse(body, CultureInfo.InvariantCulture) % 11 % 10).ToString(CultureInfo.InvariantCulture);
    }
}
