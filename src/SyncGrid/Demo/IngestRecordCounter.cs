using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SyncGrid.Grains.Ingest;

namespace SyncGrid.Cli.Demo;

/// <summary>
/// Counts the records the ingest grains of the given silos handled, by outcome, from their own
/// <c>syncgrid.ingest.records</c> counter (only the meters those silos' factories created, so other hosts in the process
/// do not count).
/// </summary>
internal sealed class IngestRecordCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byOutcome = new(StringComparer.Ordinal);

    public IngestRecordCounter(IReadOnlyCollection<IMeterFactory> factories)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == IngestMetrics.RecordsInstrument && factories.Any(f => ReferenceEquals(instrument.Meter.Scope, f)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var outcome = "unknown";
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome" && tag.Value is string text)
                {
                    outcome = text;
                }
            }

            _byOutcome.AddOrUpdate(outcome, value, (_, total) => total + value);
        });
        _listener.Start();
    }

    /// <summary>Records handled so far, by outcome.</summary>
    public Dictionary<string, long> Counts() => new(_byOutcome, StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();
}
