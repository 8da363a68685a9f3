using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using SyncGrid.Bitrix24;
using SyncGrid.Grains;
using SyncGrid.Grains.Bitrix24;
using SyncGrid.Grains.Ingest;
using SyncGrid.Grains.Orders;
using SyncGrid.Register;
using SyncGrid.RetailCrm;
using SyncGrid.Storage.GrainState;
using SyncGrid.Storage.Orders;
using SyncGrid.Storage.ReadModel;
using SyncGrid.Storage.Rejects;

namespace SyncGrid.Cli.Hosting;

/// <summary>
/// The one place that decides what backs a silo: with <c>ConnectionStrings:MariaDb</c> set, MariaDB clustering,
/// reminders and grain storage (ADO.NET for the few, the batched storage for the grid); without it the embedded
/// default: localhost clustering, memory storage and an in-memory read model.
/// </summary>
public static class SiloConfiguration
{
    /// <summary>Reads and validates the <c>Grid</c> section; a bad value stops start-up with a message naming it.</summary>
    public static GridOptions ReadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(GridOptions.Section).Get<GridOptions>() ?? new GridOptions();
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true))
        {
            throw new OptionsValidationException(GridOptions.Section, typeof(GridOptions), errors.Select(e => $"{GridOptions.Section}:{string.Join(",", e.MemberNames)}: {e.ErrorMessage}"));
        }

        return options;
    }

    /// <summary>The MariaDB connection string, or <see langword="null"/> for the embedded default.</summary>
    public static string? MariaDbConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("MariaDb") is { Length: > 0 } value ? value : null;

    /// <summary>Configures a silo from configuration: cluster identity, endpoints, and everything <see cref="ConfigureGrid"/> adds.</summary>
    public static ISiloBuilder Configure(ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = ReadOptions(configuration);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        if (MariaDbConnectionString(configuration) is null)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }
        else
        {
            silo.ConfigureEndpoints(
                options.AdvertisedAddress is { } address ? ResolveAdvertisedAddress(address) : IPAddress.Loopback,
                options.SiloPort,
                options.GatewayPort,
                listenOnAnyHostAddress: options.AdvertisedAddress is not null);
        }

        return ConfigureGrid(silo, configuration);
    }

    /// <summary>
    /// How often each partition's pulling agent reads when it is idle (<c>Kafka:PollPeriod</c>, default Orleans' 100 ms):
    /// lower it to shorten the delay before a new record is seen, at the cost of more polls.
    /// </summary>
    private static TimeSpan KafkaPollPeriod(IConfiguration configuration)
    {
        var text = configuration["Kafka:PollPeriod"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromMilliseconds(100);
        }

        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var period) && period > TimeSpan.Zero && period <= TimeSpan.FromSeconds(10)
            ? period
            : throw new OptionsValidationException("Kafka:PollPeriod", typeof(TimeSpan), [$"Kafka:PollPeriod: '{text}' is not a time span between 00:00:00.001 and 00:00:10 (for example 00:00:00.020)."]);
    }

    /// <summary>An IP address as given, or a host name (a container's service name) resolved to its IPv4 address.</summary>
    private static IPAddress ResolveAdvertisedAddress(string address)
    {
        if (IPAddress.TryParse(address, out var ip))
        {
            return ip;
        }

        var addresses = Dns.GetHostAddresses(address);
        return addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"{GridOptions.Section}:AdvertisedAddress '{address}' is neither an IP address nor a host name that resolves.");
    }

    /// <summary>
    /// Adds the grains and what backs them, without touching the silo's identity or endpoints (which a test cluster
    /// owns): MariaDB membership, reminders, grain storage and read model, or the in-memory ones.
    /// </summary>
    public static ISiloBuilder ConfigureGrid(ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = ReadOptions(configuration);
        var connectionString = MariaDbConnectionString(configuration);
        silo.AddSyncGridGrains();
        silo.Services.Configure<RecordStreamOptions>(configuration.GetSection(RecordStreamOptions.Section));
        ActivationBalancing.Configure(silo, options);
        silo.AddSyncGridOrders(configuration.GetSection(OrdersOptions.Section));
        ConfigureOutsideSystems(silo.Services, configuration);
        var storeA = StoreAHosting.ReadOptions(configuration);
        if (configuration["Kafka:BootstrapServers"] is { Length: > 0 } bootstrap)
        {
            // Store B's change events: partitions of the topic are the stream queues, balanced across silos.
            silo.AddSyncGridKafkaStreams(StoreBStreams.Provider, o =>
            {
                o.BootstrapServers = bootstrap;
                o.Topics.Add(StoreBStreams.Namespace);
                o.Topics.Add(StoreBStreams.ExportsTopic(configuration[StoreBStreams.ExportsTopicSetting]));
                if (storeA is not null)
                {
                    // Store A's rows, published by its coordinator, reach the row ingest grains the same way.
                    o.Topics.Add(storeA.Topic);
                }

                o.ConsumerGroupId = configuration["Kafka:ConsumerGroupId"] ?? "syncgrid";

                // The queue cache bounds how far a partition reads ahead of its deliveries, in batches; unbounded, a
                // large backlog turns into tens of thousands of concurrent grain calls that time out and are redelivered.
                // The pulling agent takes a tenth of it per read, which should cover RecordStreamsPerPartition.
                o.CacheSize = configuration.GetValue("Kafka:CacheSize", 256);

                // Extractor records travel in batches per (partition, key bucket): one delivery per batch, and at most
                // RecordStreamsPerPartition × Ingest:KeysInFlightPerEvent records of a partition in delivery at once.
                o.RecordStreamsPerPartition = configuration.GetValue("Kafka:RecordStreamsPerPartition", o.RecordStreamsPerPartition);
                o.MaxRecordsPerEvent = configuration.GetValue("Kafka:MaxRecordsPerEvent", o.MaxRecordsPerEvent);
            },
            streams => streams.ConfigurePullingAgent(agent => agent.Configure(o =>
            {
                o.GetQueueMsgsTimerPeriod = KafkaPollPeriod(configuration);

                // Nothing is lost: a record whose delivery keeps failing (a grain busy past the response timeout, a
                // silo going down) is redelivered for this long before the failure handler dead-letters it. Orleans'
                // default of one minute dropped records under load; ingest grains are idempotent, so retrying is free.
                o.MaxEventDeliveryTime = configuration.GetValue("Kafka:MaxEventDeliveryTime", TimeSpan.FromHours(1));
            })));
        }

        StoreAHosting.Configure(silo, configuration, storeA);

        if (connectionString is null)
        {
            silo.AddSyncGridMemoryGrainStorage(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
            silo.AddSyncGridMemoryGrainStorage(GrainStorageNames.Grid);
            silo.AddSyncGridMemoryGrainStorage("PubSubStore");
            silo.UseInMemoryReminderService();
            silo.Services.AddSyncGridInMemoryReadModel();
            silo.Services.AddSyncGridInMemoryRejectStore();
            silo.Services.AddSyncGridInMemoryOrderLog();
            return silo;
        }

        silo.UseSyncGridMariaDbClustering(connectionString)
            .UseSyncGridMariaDbReminders(connectionString)
            .AddSyncGridAdoNetGrainStorage(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, connectionString)
            .AddSyncGridAdoNetGrainStorage("PubSubStore", connectionString);
        silo.Services.AddSyncGridMariaDbGrainStorage(GrainStorageNames.Grid, new MariaDbGrainStorageOptions
        {
            ConnectionString = connectionString,
            MaxBatchSize = options.StorageBatchSize,
            MaxConcurrentBatches = options.StorageConcurrency,
        });
        silo.Services.AddSyncGridMariaDbReadModel(new MariaDbReadModelOptions { ConnectionString = connectionString });
        silo.Services.AddSyncGridMariaDbRejectStore(new MariaDbRejectStoreOptions { ConnectionString = connectionString });
        silo.Services.AddSyncGridMariaDbOrderLog(new MariaDbOrderLogOptions { ConnectionString = connectionString });
        return silo;
    }

    /// <summary>
    /// The outside systems are optional: without a <c>Bitrix24:WebhookUrl</c> companies are not pushed, without a
    /// <c>Register:BaseUrl</c> they are not validated (and so never pushed), without a <c>RetailCrm:BaseUrl</c> no order
    /// flows (which <c>Orders:Enabled</c> also needs).
    /// </summary>
    private static void ConfigureOutsideSystems(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CompanySyncOptions>(configuration.GetSection("Sync"));
        // Three seconds of the register client's rate keep it busy with answers up to about two seconds long.
        services.AddOptions<CompanySyncOptions>().PostConfigure<IOptions<RegisterOptions>>((o, register) =>
            o.RegisterLookupsInFlight ??= Math.Max(16, (int)Math.Ceiling(register.Value.RequestsPerSecond * 3)));
        var bitrix24 = configuration.GetSection(Bitrix24Options.Section);
        if (!string.IsNullOrWhiteSpace(bitrix24["WebhookUrl"]))
        {
            services.AddBitrix24Client(bitrix24);
            services.Configure<Bitrix24GatewayOptions>(bitrix24);
        }

        var retailCrm = configuration.GetSection(RetailCrmOptions.Section);
        if (!string.IsNullOrWhiteSpace(retailCrm["BaseUrl"]))
        {
            services.AddRetailCrmClient(retailCrm);
        }

        var register = configuration.GetSection("Register");
        if (!string.IsNullOrWhiteSpace(register["BaseUrl"]))
        {
            services.AddRegisterClient(register);
        }
    }
}
