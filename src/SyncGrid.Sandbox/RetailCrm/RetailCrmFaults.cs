namespace SyncGrid.Sandbox.RetailCrm;

/// <summary>What an injected fault looks like to the client (§8.2 <c>faults.kinds</c>).</summary>
public enum RetailCrmFaultKind
{
    /// <summary>500 with a JSON error body.</summary>
    Status500,

    /// <summary>502 with an HTML page.</summary>
    Status502,

    /// <summary>504 with an HTML page.</summary>
    Status504,

    /// <summary>The connection is dropped without an answer.</summary>
    Reset,

    /// <summary>The answer is held for <see cref="RetailCrmFaults.TimeoutHold"/>, then the connection is dropped.</summary>
    Timeout,

    /// <summary>200 with JSON cut in the middle.</summary>
    Truncated,

    /// <summary>200 with an HTML error page.</summary>
    Html,
}

/// <summary>How a rate-limited request is answered (§8.2 <c>rateLimit.bodyKind</c>).</summary>
public enum RetailCrmLimitBody
{
    /// <summary><c>{"success":false,"errorMsg":"Rate limit exceeded"}</c>.</summary>
    Json,

    /// <summary>An HTML page.</summary>
    Html,

    /// <summary>No body.</summary>
    Empty,
}

/// <summary>
/// Runtime knobs of a RetailCRM sandbox (§8.2). Thread-safe; every change applies to the next request. Route names
/// are the paths after <c>/api/v5/</c> with ids replaced by <c>{id}</c>, e.g. <c>orders/{id}/edit</c>.
/// </summary>
public sealed class RetailCrmFaults
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _byRoute = new(StringComparer.OrdinalIgnoreCase);
    private Random _random;

    internal RetailCrmFaults(int? seed) => _random = seed is { } s ? new Random(s) : new Random();

    /// <summary>Probability (0..1) that a request fails with one of <see cref="Kinds"/>; default 0.</summary>
    public double Rate { get; set; }

    /// <summary>The kinds of injected faults, picked at random; default 500, 502, 504 and a dropped connection.</summary>
    public IReadOnlyList<RetailCrmFaultKind> Kinds { get; set; } = [RetailCrmFaultKind.Status500, RetailCrmFaultKind.Status502, RetailCrmFaultKind.Status504, RetailCrmFaultKind.Reset];

    /// <summary>When true a failing write (create, edit) is applied first and then its answer fails (lost-response tests); default false.</summary>
    public bool AfterCommit { get; set; }

    /// <summary>How long a <see cref="RetailCrmFaultKind.Timeout"/> holds the answer; default 30 s.</summary>
    public TimeSpan TimeoutHold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Latency added to every answer: uniform in [min, max]; default none.</summary>
    public (TimeSpan Min, TimeSpan Max) Latency { get; set; }

    /// <summary>Body of a rate-limited answer; default JSON.</summary>
    public RetailCrmLimitBody LimitBody { get; set; }

    /// <summary>Empty maps (<c>customFields</c>, <c>payments</c>) written as <c>[]</c>, as the PHP backend does; default true.</summary>
    public bool EmptyMapsAsArray { get; set; } = true;

    /// <summary><c>errors</c> written as a list of strings instead of an object keyed by field; default false.</summary>
    public bool ErrorsAsArray { get; set; }

    /// <summary><c>totalPageCount</c> of an empty result: 0 (default) or 1.</summary>
    public int EmptyTotalPageCount { get; set; }

    /// <summary>Answer every call with the HTML "account does not exist" page; default false.</summary>
    public bool AccountDoesNotExist { get; set; }

    /// <summary>A fault rate for one route (<c>orders/{id}/edit</c>, <c>orders/history</c>, …) instead of <see cref="Rate"/>.</summary>
    public void SetRouteRate(string route, double rate)
    {
        lock (_gate)
        {
            _byRoute[route] = rate;
        }
    }

    /// <summary>Reseeds the dice.</summary>
    public void Reseed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>Clears every knob.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _byRoute.Clear();
            Rate = 0;
            Kinds = [RetailCrmFaultKind.Status500, RetailCrmFaultKind.Status502, RetailCrmFaultKind.Status504, RetailCrmFaultKind.Reset];
            AfterCommit = false;
            TimeoutHold = TimeSpan.FromSeconds(30);
            Latency = default;
            LimitBody = RetailCrmLimitBody.Json;
            EmptyMapsAsArray = true;
            ErrorsAsArray = false;
            EmptyTotalPageCount = 0;
            AccountDoesNotExist = false;
        }
    }

    internal RetailCrmFaultKind? Roll(string route)
    {
        lock (_gate)
        {
            var rate = _byRoute.TryGetValue(route, out var r) ? r : Rate;
            if (rate <= 0 || Kinds.Count == 0 || _random.NextDouble() >= rate)
            {
                return null;
            }

            return Kinds[_random.Next(Kinds.Count)];
        }
    }

    internal TimeSpan NextLatency()
    {
        lock (_gate)
        {
            var (min, max) = Latency;
            return max <= min ? min : min + ((max - min) * _random.NextDouble());
        }
    }
}
