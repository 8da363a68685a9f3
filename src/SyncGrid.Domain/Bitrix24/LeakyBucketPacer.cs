namespace SyncGrid.Domain.Bitrix24;

/// <summary>
/// A mirror of a portal's leaky bucket (every request adds 1, the level drains by <c>drain</c> per second, above
/// <c>burst</c> requests are refused): says how long to wait before the next request so that the portal never
/// refuses one. It keeps a safety margin below the burst (a tenth of it, at least 2) for clock drift and requests
/// in flight, so the sustained rate equals the drain rate and the level never reaches the burst.
/// </summary>
public sealed class LeakyBucketPacer
{
    private readonly double _drainPerSecond;
    private readonly double _ceiling;
    private double _level;
    private DateTimeOffset _at;

    public LeakyBucketPacer(int burst, double drainPerSecond, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(drainPerSecond);
        Burst = burst;
        _drainPerSecond = drainPerSecond;
        _ceiling = Math.Max(1, burst - Math.Max(2, burst / 10.0));
        _at = now;
    }

    /// <summary>The portal's burst.</summary>
    public int Burst { get; }

    /// <summary>The estimated level of the portal's counter at <paramref name="now"/>.</summary>
    public double LevelAt(DateTimeOffset now) => Math.Max(0, _level - (now - _at).TotalSeconds * _drainPerSecond);

    /// <summary>How long to wait from <paramref name="now"/> before the next request may be sent.</summary>
    public TimeSpan DelayBeforeNext(DateTimeOffset now)
    {
        var excess = LevelAt(now) + 1 - _ceiling;
        return excess <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(excess / _drainPerSecond);
    }

    /// <summary>Records a request sent at <paramref name="now"/>.</summary>
    public void OnSent(DateTimeOffset now)
    {
        _level = LevelAt(now) + 1;
        _at = now;
    }

    /// <summary>The portal refused a request: assume its counter is full (refused requests may count too).</summary>
    public void OnRefused(DateTimeOffset now)
    {
        _level = Burst + 1;
        _at = now;
    }
}
