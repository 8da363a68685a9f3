using System.Diagnostics.Metrics;

namespace SyncGrid.Register;

/// <summary>
/// The register client's instruments on the <c>SyncGrid</c> meter: <c>syncgrid.register.lookups</c> {outcome} and
/// <c>syncgrid.register.alerts</c> {status}. A TIN is never a tag.
/// </summary>
public sealed class RegisterMetrics
{
    /// <summary>The meter every SyncGrid instrument lives on.</summary>
    public const string MeterName = "SyncGrid";

    /// <summary>Lookups by outcome: <c>found</c>, <c>not-found</c>, <c>unavailable</c>, <c>refused</c>.</summary>
    public const string LookupsInstrument = "syncgrid.register.lookups";

    /// <summary>Alerts raised when the register refuses the client (400/401/403) and lookups stop.</summary>
    public const string AlertsInstrument = "syncgrid.register.alerts";

    private readonly Counter<long> _lookups;
    private readonly Counter<long> _alerts;

    public RegisterMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _lookups = meter.CreateCounter<long>(LookupsInstrument, "{lookup}", "Register lookups by outcome.");
        _alerts = meter.CreateCounter<long>(AlertsInstrument, "{alert}", "Register refusals (400/401/403) that stopped the lookups.");
    }

    internal void Lookup(string outcome) => _lookups.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    internal void Alert(int statusCode) => _alerts.Add(1, new KeyValuePair<string, object?>("status", statusCode));
}
