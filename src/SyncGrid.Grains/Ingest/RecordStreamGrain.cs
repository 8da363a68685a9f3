using System.Text;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Streams;
using Orleans.Streams.Core;
using SyncGrid.Abstractions;

namespace SyncGrid.Grains.Ingest;

/// <summary>
/// Fans the records of one extractor stream bucket (<c>topic/partition.bucket</c>) out to the grains that own their keys: SAP change events and export
/// records to the partner's <see cref="IPartnerIngestGrain"/>, store A rows to the row's <see cref="IStoreARowIngestGrain"/>.
/// One stream event holds many records in partition order; a key's records are ingested one after another in that
/// order, different keys at once (up to <see cref="RecordStreamOptions.KeysInFlightPerEvent"/>). The event is
/// acknowledged, and its offsets become committable, only when every record in it is durable in grain state or in the
/// rejects store; a failure fails the event, which the pulling agent redelivers whole (ingest is idempotent).
/// <para>
/// Reentrant for one reason: a delivery that outlives the response timeout (a company grain busy for a while) is
/// redelivered while the first attempt still runs. The redelivery joins the attempt under way instead of queueing
/// behind it and ingesting the same records again, which under load timed out in turn and held the partition's commit
/// back for minutes. The pulling agent sends a stream's next event only after this one is acknowledged, so no two
/// different events of the stream ever run at once.
/// </para>
/// </summary>
[ImplicitStreamSubscription(StoreBStreams.Namespace)]
[RegexImplicitStreamSubscription(StoreBStreams.ExportsNamespacePattern)]
[RegexImplicitStreamSubscription(StoreAStreams.NamespacePattern)]
[Reentrant]
public sealed class RecordStreamGrain(IOptions<RecordStreamOptions> options) : Grain, IRecordStreamGrain, IStreamSubscriptionObserver
{
    // The event being ingested, by namespace and (partition, first offset), for a redelivery to join.
    private readonly Dictionary<(string Namespace, int Partition, long Offset), Task> _underWay = [];

    private enum RecordKind
    {
        SapEvent,
        Export,
        StoreARow,
    }

    /// <inheritdoc />
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        var streamNamespace = handleFactory.StreamId.GetNamespace() ?? string.Empty;
        var kind = StoreBStreams.IsExportsNamespace(streamNamespace) ? RecordKind.Export
            : streamNamespace == StoreBStreams.Namespace ? RecordKind.SapEvent
            : RecordKind.StoreARow;
        await handleFactory.Create<RawRecord>().ResumeAsync(new Subscription(this, streamNamespace, kind));
    }

    private Task IngestBatchAsync(IList<SequentialItem<RawRecord>> items, string streamNamespace, RecordKind kind)
    {
        if (items.Count == 0)
        {
            return Task.CompletedTask;
        }

        var first = items[0].Item;
        var key = (streamNamespace, first.Partition, first.Offset);
        if (_underWay.TryGetValue(key, out var attempt))
        {
            return attempt;
        }

        attempt = IngestOnceAsync(items, streamNamespace, kind);
        if (!attempt.IsCompleted)
        {
            _underWay[key] = attempt;
            _ = attempt.ContinueWith(_ => _underWay.Remove(key), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Current);
        }

        return attempt;
    }

    private async Task IngestOnceAsync(IList<SequentialItem<RawRecord>> items, string streamNamespace, RecordKind kind)
    {
        // The records of each key, in the order they were read; keys in the order they first appear.
        var byKey = new Dictionary<string, List<RawRecord>>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var item in items)
        {
            var key = Encoding.UTF8.GetString(item.Item.Key);
            if (!byKey.TryGetValue(key, out var records))
            {
                records = [];
                byKey[key] = records;
                keys.Add(key);
            }

            records.Add(item.Item);
        }

        // A few workers take keys in turn. They run on this activation's scheduler, so the shared index needs no lock.
        var next = 0;
        async Task WorkAsync()
        {
            while (next < keys.Count)
            {
                var key = keys[next++];
                foreach (var record in byKey[key])
                {
                    await IngestAsync(key, record, streamNamespace, kind);
                }
            }
        }

        var workers = Math.Min(options.Value.KeysInFlightPerEvent, keys.Count);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync()));
    }

    private Task<SubmitResult> IngestAsync(string key, RawRecord record, string streamNamespace, RecordKind kind)
    {
        // The position rejects quote for a record that cannot be read: topic, key and partition offset.
        var position = $"{streamNamespace}/{key}@{record.Offset}";
        return kind switch
        {
            RecordKind.SapEvent => GrainFactory.GetGrain<IPartnerIngestGrain>(key).IngestAsync(record.Value, position),
            RecordKind.Export => GrainFactory.GetGrain<IPartnerIngestGrain>(key).IngestExportAsync(record.Value, position),
            _ => GrainFactory.GetGrain<IStoreARowIngestGrain>(key).IngestAsync(record.Value, position),
        };
    }

    /// <summary>One stream's handler: its namespace decides which ingest grain a record goes to.</summary>
    private sealed class Subscription(RecordStreamGrain grain, string streamNamespace, RecordKind kind) : IAsyncBatchObserver<RawRecord>
    {
        public Task OnNextAsync(IList<SequentialItem<RawRecord>> items)
        {
            ArgumentNullException.ThrowIfNull(items);
            return grain.IngestBatchAsync(items, streamNamespace, kind);
        }

        public Task OnCompletedAsync() => Task.CompletedTask;

        public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
    }
}
