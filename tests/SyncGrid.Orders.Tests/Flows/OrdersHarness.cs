using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Grains;
using SyncGrid.Grains.Bitrix24;
using SyncGrid.Sandbox.Bitrix24;
using SyncGrid.Sandbox.RetailCrm;
using SyncGrid.Storage.GrainState;
using SyncGrid.Storage.Orders;

namespace SyncGrid.Orders.Tests.Flows;

/// <summary>
/// Both sandboxes at their default limits (RetailCRM 10 requests/s; a standard Bitrix24 plan, 2 requests/s) and a silo
/// running the order flows over real HTTP, with the in-memory order log, or grain state on MariaDB when a connection
/// string is given (so the silo can be stopped and started again over the same state).
/// </summary>
internal sealed class OrdersHarness : IAsyncDisposable
{
    public const string ApplicationToken = "orders-test-application-token";

    public static readonly (string Status, string Stage)[] Dictionary =
    [
        ("new", "NEW"), ("availability-confirmed", "PREPARATION"), ("client-confirmed", "PREPARATION"), ("prepayed", "PREPAYMENT_INVOICE"),
        ("assembling", "EXECUTING"), ("assembling-complete", "EXECUTING"), ("send-to-delivery", "FINAL_INVOICE"), ("delivering", "FINAL_INVOICE"),
        ("complete", "WON"), ("cancel-other", "LOSE"), ("no-call", "LOSE"), ("return", "APOLOGY"),
    ];

    public const string ApiToken = "orders-tests-api-token-0123456789";

    private readonly string? _connectionString;
    private readonly string _serviceId = "orders-" + Guid.NewGuid().ToString("N")[..8];
    private InProcessTestCluster? _cluster;
    private Microsoft.AspNetCore.Builder.WebApplication? _api;
    private ServiceProvider? _apiHost;

    /// <summary>The API's base address once <see cref="StartApiAsync"/> ran.</summary>
    public Uri? ApiUrl { get; private set; }

    private OrdersHarness(RetailCrmSandbox retail, Bitrix24Sandbox portal, string? connectionString)
    {
        Retail = retail;
        Portal = portal;
        _connectionString = connectionString;
        Log = connectionString is null ? new InMemoryOrderLog() : new MariaDbOrderLog(new MariaDbOrderLogOptions { ConnectionString = connectionString });
    }

    public RetailCrmSandbox Retail { get; }

    public Bitrix24Sandbox Portal { get; }

    /// <summary>The order log: in memory, or on the MariaDB database the harness was given.</summary>
    public IOrderLog Log { get; }

    public IGrainFactory Grains => _cluster!.Client;

    public InProcessTestCluster Cluster => _cluster!;

    /// <summary>The register sandbox (its built-in register), when the harness was started with one.</summary>
    public SyncGrid.Sandbox.Register.RegisterSandbox? Register { get; private set; }

    public static async Task<OrdersHarness> StartSandboxesAsync(string? connectionString = null, int? seed = 5, bool register = false)
    {
        var retail = await RetailCrmSandbox.StartAsync(new RetailCrmSandboxOptions { BuiltInShop = false, RandomSeed = seed });
        var portal = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { WaitForLatency = false, RandomSeed = seed, RequestTimeout = TimeSpan.FromSeconds(6) });
        return new OrdersHarness(retail, portal, connectionString)
        {
            Register = register ? await SyncGrid.Sandbox.Register.RegisterSandbox.StartAsync(new SyncGrid.Sandbox.Register.RegisterSandboxOptions { Latency = TimeSpan.FromMilliseconds(2), RateLimitPerSecond = 1000 }) : null,
        };
    }

    /// <summary>Starts a silo with the order flows; <paramref name="overrides"/> change the configuration (e.g. the dictionary).</summary>
    public async Task StartSiloAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Bitrix24:WebhookUrl"] = Portal.WebhookUrl.ToString(),
            ["Bitrix24:RequestTimeout"] = "00:00:05",
            ["RetailCrm:BaseUrl"] = Retail.BaseUrl,
            ["RetailCrm:ApiKey"] = Retail.ApiKey,
            ["RetailCrm:RetryBaseDelay"] = "00:00:00.100",
            ["RetailCrm:Timeout"] = "00:00:05",
            ["Orders:Enabled"] = "true",
            ["Orders:PollInterval"] = "00:00:00.300",
            ["Orders:DealPollInterval"] = "00:00:01",
            ["Orders:ApplicationToken"] = ApplicationToken,
            ["Orders:RetryBaseDelay"] = "00:00:00.300",
            ["Orders:MaxRetryDelay"] = "00:00:02",
            ["Orders:Managers:11"] = "11",
            ["Orders:Managers:12"] = "12",
            ["Orders:Managers:13"] = "13",
            ["Orders:AlertUserIds:0"] = "1",
            ["Orders:Pipelines:0:CategoryId"] = "0",
        };
        for (var i = 0; i < Dictionary.Length; i++)
        {
            settings[$"Orders:Pipelines:0:Statuses:{i.ToString(CultureInfo.InvariantCulture)}:Status"] = Dictionary[i].Status;
            settings[$"Orders:Pipelines:0:Statuses:{i.ToString(CultureInfo.InvariantCulture)}:Stage"] = Dictionary[i].Stage;
        }

        if (Register is not null)
        {
            settings["Register:BaseUrl"] = Register.BaseUrl;
            settings["Register:ApiKey"] = Register.ApiKey;
            settings["Register:RequestsPerSecond"] = "500";
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new InProcessTestClusterBuilder(1);

        // One service across restarts: grain state belongs to the service id.
        builder.Options.ServiceId = _serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            if (_connectionString is null)
            {
                silo.AddSyncGridMemoryGrainStorage(GrainStorageNames.Grid);
            }
            else
            {
                silo.Services.AddSyncGridMariaDbGrainStorage(GrainStorageNames.Grid, new MariaDbGrainStorageOptions { ConnectionString = _connectionString });
            }

            silo.UseInMemoryReminderService();
            silo.AddSyncGridGrains();
            silo.Services.AddSyncGridInMemoryReadModel();
            silo.AddSyncGridOrders(configuration.GetSection("Orders"));
            silo.Services.AddSingleton(Log);
            silo.Services.AddBitrix24Client(configuration.GetSection("Bitrix24"));
            silo.Services.AddRetailCrmClient(configuration.GetSection("RetailCrm"));
            if (Register is not null)
            {
                silo.Services.AddRegisterClient(configuration.GetSection("Register"));
                silo.Services.Configure<CompanySyncOptions>(o =>
                {
                    o.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
                    o.MaxRetryDelay = TimeSpan.FromSeconds(2);
                });
            }
            silo.Services.Configure<Bitrix24GatewayOptions>(_ => { });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>
    /// Serves the API over the cluster and registers it in the portal as the outgoing webhook for deal updates, as an
    /// administrator would, with <paramref name="token"/> as the application token the portal shows.
    /// </summary>
    public async Task StartApiAsync(string token = ApplicationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IGrainFactory>(_cluster!.Client);
        services.AddSingleton(Log);
        _apiHost = services.BuildServiceProvider();
        _api = SyncGrid.Api.Hosting.SyncGridApiServer.Build(new SyncGrid.Api.SyncGridApiOptions { Token = ApiToken, Urls = "http://127.0.0.1:0" }, _apiHost);
        await _api.StartAsync();
        ApiUrl = new Uri(_api.Urls.First() + "/");
        Portal.AddOutgoingWebhook(new Uri(ApiUrl, "bitrix24/events"), ["ONCRMDEALUPDATE"], token);
    }

    public async Task StopSiloAsync()
    {
        if (_api is not null)
        {
            await _api.StopAsync();
            await _api.DisposeAsync();
            _api = null;
        }

        if (_apiHost is not null)
        {
            await _apiHost.DisposeAsync();
            _apiHost = null;
        }

        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }

    /// <summary>Every order of the account, each with its grain's state.</summary>
    public async Task<List<(long Id, string Number, string Status, OrderSyncSnapshot Sync)>> SnapshotsAsync()
    {
        var orders = Retail.ListOrders();
        var states = await Task.WhenAll(orders.Select(o => Grains.GetGrain<IOrderGrain>(o.Id).GetSyncStateAsync()));
        return [.. orders.Zip(states, (o, s) => (o.Id, o.Number, o.Status, s))];
    }

    /// <summary>Waits until the intake read the whole history and every order's deal holds its status.</summary>
    public async Task WaitSyncedAsync(TimeSpan timeout)
    {
        var expected = Dictionary.ToDictionary(d => d.Status, d => d.Stage, StringComparer.Ordinal);
        string last = "nothing yet";
        await Eventually.WaitAsync(
            async () =>
            {
                var intake = await Grains.GetGrain<IOrderIntakeGrain>("retailcrm").GetStateAsync();
                var history = Retail.Inspect().LastHistoryId;
                var snapshots = await SnapshotsAsync();
                var behind = snapshots.Where(s => s.Sync.State != "synced" || s.Sync.Status != s.Status || s.Sync.StageId != expected[s.Status]).ToList();
                last = $"intake at {intake.LastHistoryId} of {history} ({intake.LastError}); {behind.Count} of {snapshots.Count} orders behind, e.g. "
                    + string.Join("; ", behind.Take(3).Select(b => $"{b.Number} {b.Status}: {b.Sync.State} {b.Sync.Status}/{b.Sync.StageId} {b.Sync.LastError}"));
                return intake.LastHistoryId >= history && behind.Count == 0;
            },
            timeout,
            () => last);
    }

    /// <summary>The Bitrix24 sandbox's entities of one kind, as its export holds them.</summary>
    public List<JsonObject> Entities(string entity)
    {
        var state = JsonNode.Parse(Portal.ExportJson())!;
        return state["Tables"]?[entity] is JsonObject table
            ? [.. table.Select(p =>
            {
                var fields = p.Value!["Fields"]!.AsObject().DeepClone().AsObject();
                fields["ID"] = p.Key;
                return fields;
            })]
            : [];
    }

    public async ValueTask DisposeAsync()
    {
        await StopSiloAsync();
        await Portal.DisposeAsync();
        await Retail.DisposeAsync();
        if (Register is not null)
        {
            await Register.DisposeAsync();
        }
    }
}
