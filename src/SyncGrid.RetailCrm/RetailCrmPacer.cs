using Microsoft.Extensions.Options;

namespace SyncGrid.RetailCrm;

/// <summary>
/// The process-wide pacer of RetailCRM requests: every attempt reserves the next start slot, one per
/// 1/<see cref="RetailCrmOptions.RequestsPerSecond"/> seconds, in the order callers arrive, and waits for it. Unlike
/// a token bucket refilled on a timer tick, two starts are never closer than the interval, which the account's bucket
/// (burst 1) requires.
/// </summary>
public sealed class RetailCrmPacer
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private DateTimeOffset _next;

    public RetailCrmPacer(IOptions<RetailCrmOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _interval = TimeSpan.FromSeconds(1 / options.Value.RequestsPerSecond);
        _time = time;
    }

    /// <summary>Waits for this caller's start slot.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var start = _next > now ? _next : now;
            _next = start + _interval;
            wait = start - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
