using System.Diagnostics.Metrics;

namespace SyncGrid.Register;

/// <summary>
/// The register client's instruments on the <c>SyncGrid</c> meter: <c>syncgrid.register.lookups</c> {outcome} and
/// <c>syncgrid.register.alerts</c> {status}, and the histogram <c>syncgrid.register.lookup.duration</c> {outcome}. A TIN is never a tag.
/// </summary>
public sealed class RegisterMetrics
{
    /// <summary>The meter every SyncGrid instrument lives on.</summary>
    public const string MeterName = "SyncGrid";

    /// <summary>Lookups by outcome: <c>found</c>, <c>not-found</c>, <c>unavailable</c>, <c>refused</c>.</summary>
    public const string LookupsInstrument = "syncgrid.register.lookups";

    /// <summary>Alerts raised when the register refuses the client (400/401/403) and lookups stop.</summary>
    public const string AlertsInstrument = "syncgrid.register.alerts";

    /// <summary>How long a lookup took (pacing, retries and the answer), in seconds, by outcome.</summary>
    public const string LookupDurationInstrument = "syncgrid.register.lookup.duration";

    private static readonly double[] DurationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _lookups;
    private readonly Counter<long> _alerts;
    private readonly Histogram<double> _duration;

    public RegisterMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _lookups = meter.CreateCounter<long>(LookupsInstrument, "{lookup}", "Register lookups by outcome.");
        _alerts = meter.CreateCounter<long>(AlertsInstrument, "{alert}", "Register refusals (400/401/403) that stopped the lookups.");
        _duration = meter.CreateHistogram(LookupDurationInstrument, "s", "How long register lookups took (pacing and retries included), by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    internal void Lookup(string outcome) => _lookups.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    internal void Lookup(string outcome, TimeSpan duration)
    {
        Lookup(outcome);
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    internal void Alert(int statusCode) => _alerts.Add(1, new KeyValuePair<string, object?>("status", statusCode));
}
