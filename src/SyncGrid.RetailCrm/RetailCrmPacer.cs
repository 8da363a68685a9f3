using Microsoft.Extensions.Options;

namespace SyncGrid.RetailCrm;

/// <summary>
/// The process-wide pacer of RetailCRM requests: one caller at a time waits until the interval
/// (1/<see cref="RetailCrmOptions.RequestsPerSecond"/>) has passed since the previous start as it actually happened,
/// then starts. Measuring from the actual start (not from a reserved slot or a timer tick) keeps starts apart even when
/// the process stalls and several timers fire late at once; the account's bucket (burst 1) requires that.
/// </summary>
public sealed class RetailCrmPacer : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private DateTimeOffset _lastStart = DateTimeOffset.MinValue;

    public RetailCrmPacer(IOptions<RetailCrmOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _interval = TimeSpan.FromSeconds(1 / options.Value.RequestsPerSecond);
        _time = time;
    }

    /// <summary>Waits for this caller's turn to start a request.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var wait = _lastStart + _interval - _time.GetUtcNow();
                if (wait <= TimeSpan.Zero)
                {
                    break;
                }

                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            _lastStart = _time.GetUtcNow();
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _turn.Dispose();
}
