using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SyncGrid.Testing;

/// <summary>
/// Records the measurements of the <c>SyncGrid</c> meter created by one meter factory (one silo's or one host's), so
/// that test classes running in parallel in the same process never see each other's measurements.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Recorded> _recorded = new();

    /// <param name="scope">The meter factory whose meters count (<c>IMeterFactory</c> of the silo or host).</param>
    /// <param name="meterName">The meter. Default <c>SyncGrid</c>.</param>
    public MetricsRecorder(object scope, string meterName = "SyncGrid")
    {
        ArgumentNullException.ThrowIfNull(scope);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    /// <summary>Every measurement so far.</summary>
    public IReadOnlyList<Recorded> All => [.. _recorded];

    /// <summary>The sum of an instrument's measurements whose tags include all of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) => Matching(instrument, tags).Sum(r => r.Value);

    /// <summary>The measurements of an instrument whose tags include all of <paramref name="tags"/>.</summary>
    public IReadOnlyList<Recorded> Matching(string instrument, params (string Key, string Value)[] tags) =>
        [.. _recorded.Where(r => r.Instrument == instrument && tags.All(t => r.Tags.TryGetValue(t.Key, out var v) && v == t.Value))];

    /// <summary>Reads the observable instruments (gauges) now and returns what they reported, forgetting earlier readings of them.</summary>
    public IReadOnlyList<Recorded> Observe(string instrument, params (string Key, string Value)[] tags)
    {
        var before = _recorded.Count;
        _listener.RecordObservableInstruments();
        return [.. _recorded.Skip(before).Where(r => r.Instrument == instrument && tags.All(t => r.Tags.TryGetValue(t.Key, out var v) && v == t.Value))];
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            map[tag.Key] = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        _recorded.Enqueue(new Recorded(instrument.Name, value, map));
    }

    /// <summary>One measurement.</summary>
    public sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, string> Tags);
}
