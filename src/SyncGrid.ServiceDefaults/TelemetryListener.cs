using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SyncGrid.ServiceDefaults;

/// <summary>
/// A small Kestrel listener on <see cref="TelemetryOptions.PrometheusUrl"/> serving <c>/metrics</c>, <c>/health/live</c>
/// and <c>/health/ready</c> for a process that runs no API (a silo). It starts with the host (before the silo is
/// active, so probes see "not ready" rather than a refused connection) and stops with it.
/// </summary>
public sealed partial class TelemetryListener(IServiceProvider services, IOptions<TelemetryOptions> options, ILogger<TelemetryListener> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The addresses the listener serves once started (ports resolved).</summary>
    public IReadOnlyList<string> Addresses => _app is null ? [] : [.. _app.Urls];

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TelemetryListener).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Only the options given: nothing from the working directory's appsettings.json or ASPNETCORE_* variables.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls([.. (options.Value.PrometheusUrl ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(services.GetRequiredService<ILoggerFactory>());
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        var app = builder.Build();
        app.MapSyncGridTelemetry(services);
        await app.StartAsync(cancellationToken);
        _app = app;
        LogListening(logger, app.Urls);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Metrics and health listening on {Addresses} (/metrics, /health/live, /health/ready)")]
    private static partial void LogListening(ILogger logger, IEnumerable<string> addresses);

    /// <summary>The host owns the process lifetime: no console handling here.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
