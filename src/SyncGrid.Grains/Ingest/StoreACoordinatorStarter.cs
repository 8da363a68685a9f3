using Microsoft.Extensions.Logging;
using SyncGrid.Abstractions;

namespace SyncGrid.Grains.Ingest;

/// <summary>
/// Starts the store A coordinator when the silo becomes active, in the background (retrying until it answers), so a
/// slow cluster never holds up the silo's start. Every silo does this; the coordinator is one grain, so starting it
/// again is harmless. After a silo loss its reminder brings it back without any start.
/// </summary>
internal sealed partial class StoreACoordinatorStarter(IGrainFactory grains, string source, ILogger<StoreACoordinatorStarter> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stopping = new();
    private Task _starting = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StoreACoordinatorStarter), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    public void Dispose() => _stopping.Dispose();

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        _starting = Task.Run(() => StartWithRetriesAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _starting.ConfigureAwait(false);
    }

    private async Task StartWithRetriesAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<IStoreACoordinatorGrain>(source).StartAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogStartFailed(logger, ex, source, RetryDelay);
            }

            try
            {
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1316, Level = LogLevel.Error, Message = "Store A source {Source}: the coordinator did not start; retrying in {Delay}")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string source, TimeSpan delay);
}
