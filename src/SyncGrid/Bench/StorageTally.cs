using System.Diagnostics.Metrics;
using SyncGrid.Storage.GrainState;

namespace SyncGrid.Cli.Bench;

/// <summary>
/// Counts grain states read and written, and the storage batches that carried them, from the grain storage's own
/// batch-size measurements (<see cref="GrainStorageMetrics.BatchSizeInstrument"/>) of every silo in this process.
/// </summary>
internal sealed class StorageTally : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _reads;
    private long _readBatches;
    private long _writes;
    private long _writeBatches;

    public StorageTally()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GrainStorageMetrics.MeterName && instrument.Name == GrainStorageMetrics.BatchSizeInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, states, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key != "operation")
                {
                    continue;
                }

                if (Equals(tag.Value, "read"))
                {
                    Interlocked.Add(ref _reads, states);
                    Interlocked.Increment(ref _readBatches);
                }
                else if (Equals(tag.Value, "write"))
                {
                    Interlocked.Add(ref _writes, states);
                    Interlocked.Increment(ref _writeBatches);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Grain states read so far, and in how many batches.</summary>
    public (long States, long Batches) Reads => (Interlocked.Read(ref _reads), Interlocked.Read(ref _readBatches));

    /// <summary>Grain states written so far, and in how many batches.</summary>
    public (long States, long Batches) Writes => (Interlocked.Read(ref _writes), Interlocked.Read(ref _writeBatches));

    public void Dispose() => _listener.Dispose();
}
