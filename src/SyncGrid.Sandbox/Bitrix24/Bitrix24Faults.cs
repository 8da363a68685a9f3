namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>
/// Runtime fault-injection knobs of one portal (spec §9.2). Thread-safe; every change applies to the next request.
/// Method names are matched case-insensitively; <c>"*"</c> means every method.
/// </summary>
public sealed class Bitrix24Faults
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, (TimeSpan Min, TimeSpan Max)> _latency = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (double Probability, Bitrix24CommitFailure Mode)> _failAfterCommit = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, double> _failBeforeCommit = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTimeOffset> _operatingBlocks = new(StringComparer.OrdinalIgnoreCase);
    private Random _random;
    private int _stormRequests;
    private DateTimeOffset _stormUntil;

    internal Bitrix24Faults(TimeProvider time, int? seed)
    {
        _time = time;
        _random = seed is { } s ? new Random(s) : new Random();
    }

    /// <summary>Probability (0..1) that a request is answered with an injected 5xx before anything runs; default 0.</summary>
    public double ErrorRate5xx { get; set; }

    /// <summary>Body of injected 5xx answers; default <see cref="Bitrix24ErrorBody.JsonInternalServerError"/>.</summary>
    public Bitrix24ErrorBody ErrorBody { get; set; }

    /// <summary>When true every call answers 401 <c>INVALID_CREDENTIALS</c>, as for a blocked or deleted webhook.</summary>
    public bool WebhookRevoked { get; set; }

    /// <summary>When true every call answers 503 <c>OVERLOAD_LIMIT</c> (manual block by Bitrix support).</summary>
    public bool OverloadBlock { get; set; }

    /// <summary>Simulated processing time of a method: fixed when <paramref name="max"/> is null, else uniform in [min, max].</summary>
    public void SetLatency(string method, TimeSpan min, TimeSpan? max = null)
    {
        lock (_gate)
        {
            _latency[method] = (min, max ?? min);
        }
    }

    /// <summary>Perform the write, then lose the answer with the given probability.</summary>
    public void SetFailAfterCommit(string method, double probability, Bitrix24CommitFailure mode = Bitrix24CommitFailure.Status500)
    {
        lock (_gate)
        {
            _failAfterCommit[method] = (probability, mode);
        }
    }

    /// <summary>Answer 500 without executing anything, with the given probability (the case where a retry is safe).</summary>
    public void SetFailBeforeCommit(string method, double probability)
    {
        lock (_gate)
        {
            _failBeforeCommit[method] = probability;
        }
    }

    /// <summary>Force 503 <c>QUERY_LIMIT_EXCEEDED</c> for the next <paramref name="requests"/> requests and/or for <paramref name="duration"/>.</summary>
    public void StartQueryLimitStorm(int requests, TimeSpan duration)
    {
        lock (_gate)
        {
            _stormRequests = requests;
            _stormUntil = _time.GetUtcNow() + duration;
        }
    }

    /// <summary>Refuse <paramref name="method"/> with 429 <c>OPERATION_TIME_LIMIT</c> for <paramref name="duration"/>.</summary>
    public void ForceOperatingBlock(string method, TimeSpan duration)
    {
        lock (_gate)
        {
            _operatingBlocks[method] = _time.GetUtcNow() + duration;
        }
    }

    /// <summary>Reseed the random generator behind every probability knob.</summary>
    public void Reseed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>Clear every knob.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _latency.Clear();
            _failAfterCommit.Clear();
            _failBeforeCommit.Clear();
            _operatingBlocks.Clear();
            _stormRequests = 0;
            _stormUntil = default;
            ErrorRate5xx = 0;
            ErrorBody = Bitrix24ErrorBody.JsonInternalServerError;
            WebhookRevoked = false;
            OverloadBlock = false;
        }
    }

    internal TimeSpan Latency(string method)
    {
        lock (_gate)
        {
            if (!_latency.TryGetValue(method, out var range) && !_latency.TryGetValue("*", out range))
            {
                return TimeSpan.Zero;
            }

            return range.Max <= range.Min ? range.Min : range.Min + ((range.Max - range.Min) * _random.NextDouble());
        }
    }

    internal bool Roll(double probability)
    {
        lock (_gate)
        {
            return probability > 0 && _random.NextDouble() < probability;
        }
    }

    internal Bitrix24CommitFailure? FailAfterCommit(string method)
    {
        lock (_gate)
        {
            return (_failAfterCommit.TryGetValue(method, out var knob) || _failAfterCommit.TryGetValue("*", out knob))
                && knob.Probability > 0 && _random.NextDouble() < knob.Probability ? knob.Mode : null;
        }
    }

    internal bool FailBeforeCommit(string method)
    {
        lock (_gate)
        {
            return (_failBeforeCommit.TryGetValue(method, out var p) || _failBeforeCommit.TryGetValue("*", out p))
                && p > 0 && _random.NextDouble() < p;
        }
    }

    /// <summary>Consumes one storm request; true when the request must be refused.</summary>
    internal bool InStorm()
    {
        lock (_gate)
        {
            if (_stormRequests > 0)
            {
                _stormRequests--;
                return true;
            }

            return _time.GetUtcNow() < _stormUntil;
        }
    }

    internal bool OperatingBlocked(string method)
    {
        lock (_gate)
        {
            return _operatingBlocks.TryGetValue(method, out var until) && _time.GetUtcNow() < until;
        }
    }
}
