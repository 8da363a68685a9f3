using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SyncGrid.Api.Hosting;

/// <summary>Serves the API beside the host's other work (a silo, an Orleans client) from start to stop.</summary>
public sealed partial class SyncGridApiHostedService(IServiceProvider services, IOptions<SyncGridApiOptions> options, ILogger<SyncGridApiHostedService> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The addresses the API listens on once started (ports resolved).</summary>
    public IReadOnlyList<string> Addresses => _app is null ? [] : [.. _app.Urls];

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _app = SyncGridApiServer.Build(options.Value, services);
        await _app.StartAsync(cancellationToken);
        LogListening(logger, _app.Urls);
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

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "SyncGrid API listening on {Addresses}")]
    private static partial void LogListening(ILogger logger, IEnumerable<string> addresses);
}
