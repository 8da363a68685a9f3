using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using SyncGrid.ServiceDefaults;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the scraping and health endpoints over the services of the host a web application runs beside.</summary>
public static class SyncGridTelemetryEndpoints
{
    /// <summary>The Prometheus scraping path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The liveness path: 200 while the process answers.</summary>
    public const string LivePath = "/health/live";

    /// <summary>The readiness path: 200 when every readiness check passes, 503 otherwise.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>
    /// Maps, without authentication, <c>GET /metrics</c> (when <paramref name="host"/> has a meter provider, that is
    /// <c>AddSyncGridTelemetry</c> with metrics enabled), and <c>GET /health/live</c> and <c>GET /health/ready</c> (when it
    /// has health checks). The health answers are JSON: the overall status and each check's status, description,
    /// duration and error; the status code is 503 when a check is unhealthy.
    /// </summary>
    /// <param name="endpoints">The web application.</param>
    /// <param name="host">The services of the host whose meters and checks are served (the web application's own when it is the host).</param>
    public static IEndpointRouteBuilder MapSyncGridTelemetry(this IEndpointRouteBuilder endpoints, IServiceProvider host)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(host);
        if (host.GetService<MeterProvider>() is { } meterProvider)
        {
            endpoints.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider, configureBranchedPipeline: null, optionsName: null)
                .AllowAnonymous()
                .WithDisplayName("Prometheus metrics");
        }

        if (host.GetService<HealthCheckService>() is { } health)
        {
            endpoints.MapGet(LivePath, (HttpContext context) => WriteAsync(context, health, SyncGridTelemetry.LiveTag))
                .AllowAnonymous().WithName("HealthLive").WithDisplayName("Liveness").ExcludeFromDescription();
            endpoints.MapGet(ReadyPath, (HttpContext context) => WriteAsync(context, health, SyncGridTelemetry.ReadyTag))
                .AllowAnonymous().WithName("HealthReady").WithDisplayName("Readiness").ExcludeFromDescription();
        }

        return endpoints;
    }

    private static async Task WriteAsync(HttpContext context, HealthCheckService health, string tag)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(tag), context.RequestAborted);
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            if (entry.Exception is { } exception)
            {
                json.WriteString("error", exception.Message);
            }

            if (entry.Data.Count > 0)
            {
                json.WriteStartObject("data");
                foreach (var (key, value) in entry.Data)
                {
                    json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
