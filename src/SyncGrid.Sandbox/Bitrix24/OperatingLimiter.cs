namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>
/// Per-(key, method) execution-time budget: ten one-minute buckets, each expiring 10 minutes after its first
/// charge; a call is refused before it runs when the sum already exceeds the limit; charges below 0.1 s are not recorded.
/// </summary>
internal sealed class OperatingLimiter(TimeProvider time, double limitSeconds, double timeScale)
{
    private const double MinimumCharge = 0.1;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Key, string Method), List<Bucket>> _buckets = [];

    public double LimitSeconds { get; set; } = limitSeconds;

    private TimeSpan Minute => TimeSpan.FromSeconds(60 * timeScale);

    private TimeSpan Window => Minute * 10;

    public bool IsBlocked(string key, string method)
    {
        lock (_gate)
        {
            return Sum(key, method) > LimitSeconds;
        }
    }

    public void Charge(string key, string method, double seconds)
    {
        if (seconds <= MinimumCharge)
        {
            return;
        }

        lock (_gate)
        {
            var now = time.GetUtcNow();
            var index = now.ToUnixTimeMilliseconds() / (long)Math.Max(1, Minute.TotalMilliseconds);
            var list = Live(key, method);
            var bucket = list.Find(b => b.Index == index);
            if (bucket is null)
            {
                bucket = new Bucket(index, now);
                list.Add(bucket);
            }

            bucket.Seconds += seconds;
        }
    }

    /// <summary>The current sum and the moment the oldest non-empty bucket expires (null when nothing is accounted).</summary>
    public (double Operating, DateTimeOffset? ResetAt) Report(string key, string method)
    {
        lock (_gate)
        {
            var list = Live(key, method);
            return list.Count == 0 ? (0, null) : (list.Sum(b => b.Seconds), list.Min(b => b.FirstCharge) + Window);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _buckets.Clear();
        }
    }

    private double Sum(string key, string method) => Live(key, method).Sum(b => b.Seconds);

    private List<Bucket> Live(string key, string method)
    {
        if (!_buckets.TryGetValue((key, method), out var list))
        {
            list = [];
            _buckets[(key, method)] = list;
        }

        var now = time.GetUtcNow();
        list.RemoveAll(b => b.FirstCharge + Window <= now);
        return list;
    }

    private sealed class Bucket(long index, DateTimeOffset firstCharge)
    {
        public long Index { get; } = index;

        public DateTimeOffset FirstCharge { get; } = firstCharge;

        public double Seconds { get; set; }
    }
}
