using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using SyncGrid.Grains.Ingest;
using SyncGrid.Kafka.Health;
using SyncGrid.ServiceDefaults;
using SyncGrid.Storage.Health;

namespace SyncGrid.Cli.Hosting;

/// <summary>
/// Metrics and health for the hosts of the executable: <c>AddSyncGridTelemetry</c> (configured by <c>Telemetry:*</c>)
/// and the readiness checks of what the configuration names — the cluster (always), MariaDB (with
/// <c>ConnectionStrings:MariaDb</c>) and Kafka (with <c>Kafka:BootstrapServers</c>, the topics this process reads).
/// </summary>
public static class ObservabilityHosting
{
    /// <summary>The readiness check names.</summary>
    public const string ClusterCheck = "orleans";

    /// <summary>The MariaDB readiness check's name.</summary>
    public const string MariaDbCheck = "mariadb";

    /// <summary>The Kafka readiness check's name.</summary>
    public const string KafkaCheck = "kafka";

    /// <summary>Adds telemetry and readiness to a silo's host; Kafka's check covers every topic the silo reads.</summary>
    public static void AddToSilo(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        List<string> topics = [StoreBStreams.Namespace, StoreBStreams.ExportsTopic(configuration[StoreBStreams.ExportsTopicSetting])];
        if (StoreAHosting.ReadOptions(configuration) is { } storeA)
        {
            topics.Add(storeA.Topic);
        }

        Add(builder.Services, configuration, topics);
    }

    /// <summary>Adds telemetry and readiness to a cluster client's host (<c>syncgrid api</c>); Kafka's check covers the store B topic whose progress it reports.</summary>
    public static void AddToClient(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Add(builder.Services, builder.Configuration, [StoreBStreams.Namespace]);
    }

    private static void Add(IServiceCollection services, IConfiguration configuration, IReadOnlyList<string> kafkaTopics)
    {
        services.AddSyncGridTelemetry(configuration);
        var timeout = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>()?.HealthCheckTimeout ?? new TelemetryOptions().HealthCheckTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            // The validator stops the host on such a value; until then the checks keep a sane bound.
            timeout = new TelemetryOptions().HealthCheckTimeout;
        }

        string[] ready = [SyncGridTelemetry.ReadyTag];
        var health = services.AddHealthChecks();
        health.Add(new HealthCheckRegistration(ClusterCheck, sp => new ClusterHealthCheck(sp), HealthStatus.Unhealthy, ready, timeout));
        if (SiloConfiguration.MariaDbConnectionString(configuration) is { } connectionString)
        {
            health.Add(new HealthCheckRegistration(MariaDbCheck, _ => new MariaDbHealthCheck(connectionString), HealthStatus.Unhealthy, ready, timeout));
        }

        if (configuration["Kafka:BootstrapServers"] is { Length: > 0 } bootstrap)
        {
            services.AddSingleton(new KafkaHealthCheck(bootstrap, kafkaTopics, timeout));
            health.Add(new HealthCheckRegistration(KafkaCheck, sp => sp.GetRequiredService<KafkaHealthCheck>(), HealthStatus.Unhealthy, ready, timeout));
        }
    }
}
