using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SyncGrid.Api;
using SyncGrid.Cli.Commands;
using SyncGrid.Grains.Ingest;
using SyncGrid.Storage.Checkpoints;
using SyncGrid.Storage.ReadModel;
using SyncGrid.Storage.Rejects;

namespace SyncGrid.Cli.Hosting;

/// <summary>
/// Where the HTTP API runs: in its own process as an Orleans client (<c>syncgrid api</c>), or beside a silo when
/// <c>Api:Enabled</c> is true. Either way it is configured like the silo (same files, same environment variables) and
/// reports the progress of the sources that configuration names.
/// </summary>
public static class ApiHosting
{
    /// <summary>Adds the API to a silo's host when <c>Api:Enabled</c> is true; call after <c>UseOrleans</c>.</summary>
    public static void AddToSiloIfEnabled(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration.GetValue<bool>($"{SyncGridApiOptions.Section}:{nameof(SyncGridApiOptions.Enabled)}"))
        {
            AddSourceProgress(builder.Services, builder.Configuration);
            builder.Services.AddSyncGridApiHost(builder.Configuration);
        }
    }

    /// <summary>
    /// Builds the host of <c>syncgrid api</c>: an Orleans client of the configured cluster, the MariaDB read model and
    /// rejects store when <c>ConnectionStrings:MariaDb</c> is set (otherwise both are read through the cluster), the
    /// source progress providers, and the API on <c>Api:Urls</c>. Configuration as for <see cref="SiloHost.Build"/>.
    /// </summary>
    public static IHost Build(FileInfo? configFile, string[]? args = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = SiloHost.CreateBuilder(configFile, args, overrides);
        ObservabilityHosting.AddToClient(builder);
        builder.UseOrleansClient(client => ClientConfiguration.Configure(client, builder.Configuration));
        if (SiloConfiguration.MariaDbConnectionString(builder.Configuration) is { } connectionString)
        {
            builder.Services.AddSyncGridMariaDbReadModel(new MariaDbReadModelOptions { ConnectionString = connectionString });
            builder.Services.AddSyncGridMariaDbRejectStore(new MariaDbRejectStoreOptions { ConnectionString = connectionString });
            builder.Services.AddSyncGridMariaDbOrderLog(new SyncGrid.Storage.Orders.MariaDbOrderLogOptions { ConnectionString = connectionString });
        }

        AddSourceProgress(builder.Services, builder.Configuration);
        builder.Services.AddSyncGridApiHost(builder.Configuration);
        return builder.Build();
    }

    /// <summary>
    /// The progress providers of the sources the configuration names: with <c>Kafka:BootstrapServers</c>, the Kafka
    /// topics the silos read (store B events, the exports topic, store A's topic when store A is configured); with
    /// <c>Sources:StoreA:ConnectionString</c>, the store A coordinator; with <c>ConnectionStrings:MariaDb</c> (else
    /// <c>Import:CheckpointDirectory</c>), the export files' checkpoints.
    /// </summary>
    private static void AddSourceProgress(IServiceCollection services, IConfiguration configuration)
    {
        var storeA = StoreAHosting.ReadOptions(configuration);
        if (configuration["Kafka:BootstrapServers"] is { Length: > 0 } bootstrap)
        {
            var exports = StoreBStreams.ExportsTopic(configuration[StoreBStreams.ExportsTopicSetting]);
            services.AddKafkaSourceProgress(o =>
            {
                o.BootstrapServers = bootstrap;
                o.ConsumerGroupId = configuration["Kafka:ConsumerGroupId"] ?? "syncgrid";
                o.Topics.Add(StoreBStreams.Namespace);
                o.Topics.Add(exports);
                if (storeA is not null)
                {
                    o.Topics.Add(storeA.Topic);
                }
            });
        }

        if (storeA is not null)
        {
            services.AddStoreASourceProgress(StoreAStreams.DefaultSource);
        }

        if (SiloConfiguration.MariaDbConnectionString(configuration) is { } connectionString)
        {
            services.AddSyncGridMariaDbCheckpointStore(new MariaDbSourceCheckpointStoreOptions { ConnectionString = connectionString });
            services.AddExportCheckpointProgress();
        }
        else if (configuration[ImportCommand.CheckpointDirectorySetting] is { Length: > 0 } directory)
        {
            services.AddSyncGridFileCheckpointStore(directory);
            services.AddExportCheckpointProgress();
        }
    }
}
