using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SyncGrid.ServiceDefaults;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SyncGrid's metrics and health checks.</summary>
public static class SyncGridTelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <c>Telemetry</c> (a bad value stops start-up naming the setting); adds the health checks with
    /// the liveness check <c>self</c> (readiness checks are the host's to add with the tag
    /// <see cref="SyncGridTelemetry.ReadyTag"/>); and, unless <c>Telemetry:Enabled</c> is false, an OpenTelemetry meter
    /// provider over <see cref="SyncGridTelemetry.Meters"/> with the Prometheus exporter (scraped at <c>/metrics</c> where
    /// the API or the <c>Telemetry:PrometheusUrl</c> listener maps it) and, with <c>Telemetry:OtlpEndpoint</c>, the OTLP
    /// exporter. With <c>Telemetry:PrometheusUrl</c> it also starts <see cref="TelemetryListener"/>. Idempotent.
    /// </summary>
    public static IServiceCollection AddSyncGridTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(TelemetryMarker)))
        {
            return services;
        }

        services.AddSingleton<TelemetryMarker>();
        var section = configuration.GetSection(TelemetryOptions.Section);
        services.AddOptions<TelemetryOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        services.AddMetrics();
        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy("The process answers."), tags: [SyncGridTelemetry.LiveTag]);

        // Read now to decide what to register; the validator above reports bad values when the host starts.
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.Enabled)
        {
            services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(string.IsNullOrWhiteSpace(options.ServiceName) ? "syncgrid" : options.ServiceName))
                .WithMetrics(metrics =>
                {
                    metrics.AddMeter([.. SyncGridTelemetry.Meters]);
                    // Every scrape sees the current values (the exporter would otherwise cache an answer for 300 ms).
                    metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                    if (options.OtlpEndpoint is { Length: > 0 } endpoint && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
                    {
                        metrics.AddOtlpExporter((exporter, reader) =>
                        {
                            exporter.Endpoint = uri;
                            exporter.Protocol = options.OtlpProtocol == "http" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                            reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Math.Clamp(options.OtlpExportInterval.TotalMilliseconds, 1000, 3_600_000);
                        });
                    }
                });
        }

        if (!string.IsNullOrWhiteSpace(options.PrometheusUrl))
        {
            services.AddSingleton<TelemetryListener>();
            services.AddHostedService(sp => sp.GetRequiredService<TelemetryListener>());
        }

        return services;
    }

    /// <summary>Marks a container that already has the telemetry (a silo that also hosts the API registers it once).</summary>
    private sealed class TelemetryMarker;
}
