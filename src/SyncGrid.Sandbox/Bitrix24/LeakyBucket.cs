namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>The cloud front end's request counter per (portal, client address): +1 per request, drains Y per second, refuses above X.</summary>
internal sealed class LeakyBucket(TimeProvider time, double burst, double drainPerSecond, bool rejectedCount)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (double Level, DateTimeOffset At)> _levels = new(StringComparer.Ordinal);

    public double Burst { get; set; } = burst;

    public double DrainPerSecond { get; set; } = drainPerSecond;

    /// <summary>Counts the request; false when it must be refused with 503 and nothing executed.</summary>
    public bool TryAcquire(string source)
    {
        lock (_gate)
        {
            var level = Current(source) + 1;
            var allowed = level <= Burst;
            if (!allowed && !rejectedCount)
            {
                level -= 1;
            }

            _levels[source] = (level, time.GetUtcNow());
            return allowed;
        }
    }

    public IReadOnlyDictionary<string, double> Levels()
    {
        lock (_gate)
        {
            return _levels.Keys.ToDictionary(k => k, Current, StringComparer.Ordinal);
        }
    }

    private double Current(string source)
    {
        if (!_levels.TryGetValue(source, out var entry))
        {
            return 0;
        }

        var elapsed = (time.GetUtcNow() - entry.At).TotalSeconds;
        return Math.Max(0, entry.Level - (Math.Max(0, elapsed) * DrainPerSecond));
    }
}
