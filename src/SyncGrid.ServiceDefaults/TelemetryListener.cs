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
        // Scrapes and probes come every few seconds: ASP.NET Core's per-request lines would drown the silo's log.
        builder.Services.AddSingleton<ILoggerFactory>(new QuietRequestsLoggerFactory(services.GetRequiredService<ILoggerFactory>()));
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

    /// <summary>The host's loggers, with ASP.NET Core's categories (request lines, endpoint lines) kept to warnings and above.</summary>
    private sealed class QuietRequestsLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName)
        {
            var logger = inner.CreateLogger(categoryName);
            return categoryName.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) ? new WarningsOnly(logger) : logger;
        }

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        // The host owns the inner factory.
        public void Dispose()
        {
        }
    }

    private sealed class WarningsOnly(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }

    /// <summary>The host owns the process lifetime: no console handling here.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
