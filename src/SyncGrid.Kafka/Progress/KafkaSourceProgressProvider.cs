using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using SyncGrid.Abstractions.Progress;

namespace SyncGrid.Kafka.Progress;

/// <summary>
/// The progress of Kafka topics read by a consumer group: per partition, the group's committed offset (what grains
/// have durably handled, since the stream provider commits only after delivery) against the high watermark (the end of
/// the partition now); their difference is the lag. A partition with no commit yet counts from its low watermark.
/// One row per topic with a part per partition. Asks the brokers on every call through one admin client and one
/// consumer that never joins the group (so the silos' reading is not disturbed), kept between calls and rebuilt after
/// a failure: a client costs threads and broker connections, and progress is polled every second or so.
/// </summary>
public sealed class KafkaSourceProgressProvider(IOptions<KafkaSourceProgressOptions> options, TimeProvider time) : ISourceProgressProvider, IDisposable
{
    private readonly KafkaSourceProgressOptions _options = options.Value;
    private readonly Lock _gate = new();
    private IAdminClient? _admin;
    private IConsumer<byte[], byte[]>? _consumer;
    private bool _disposed;

    /// <inheritdoc />
    public Task<IReadOnlyList<SourceProgress>> GetProgressAsync(CancellationToken cancellationToken = default) =>
        Task.Run<IReadOnlyList<SourceProgress>>(() =>
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return Read(cancellationToken);
            }
        }, cancellationToken);

    /// <summary>Closes the clients.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            ResetClients();
        }
    }

    private void ResetClients()
    {
        _admin?.Dispose();
        _admin = null;
        if (_consumer is not null)
        {
            _consumer.Close();
            _consumer.Dispose();
            _consumer = null;
        }
    }

    private List<SourceProgress> Read(CancellationToken cancellationToken)
    {
        var timeout = _options.RequestTimeout;
        var now = time.GetUtcNow();
        Metadata metadata;
        try
        {
            _admin ??= new AdminClientBuilder(KafkaClientConfigs.Admin(_options.BootstrapServers, _options.ClientSettings)).Build();
            metadata = _admin.GetMetadata(timeout);
        }
        catch (KafkaException ex)
        {
            ResetClients();
            return [.. _options.Topics.Select(t => Failed(t, $"The brokers' metadata could not be read: {ex.Error.Reason}", now))];
        }

        var consumer = _consumer ??= new ConsumerBuilder<byte[], byte[]>(
            KafkaClientConfigs.Consumer(_options.BootstrapServers, _options.ConsumerGroupId, _options.ClientSettings)).Build();
        var rows = new List<SourceProgress>();
        var failed = false;
        foreach (var topic in _options.Topics)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var meta = metadata.Topics.Find(t => t.Topic == topic);
            if (meta is null || meta.Error.IsError)
            {
                rows.Add(Failed(topic, meta is null ? "The topic does not exist." : $"The topic cannot be read: {meta.Error.Reason}", now));
                continue;
            }

            try
            {
                rows.Add(ReadTopic(consumer, topic, meta.Partitions.Select(p => p.PartitionId).Order().ToList(), timeout, now));
            }
            catch (KafkaException ex)
            {
                rows.Add(Failed(topic, $"The offsets of group {_options.ConsumerGroupId} could not be read: {ex.Error.Reason}", now));
                failed = true;
            }
        }

        if (failed)
        {
            // A fresh client next time, in case this one is stuck on a broker that went away.
            ResetClients();
        }

        return rows;
    }

    private SourceProgress ReadTopic(IConsumer<byte[], byte[]> consumer, string topic, List<int> partitions, TimeSpan timeout, DateTimeOffset now)
    {
        var all = partitions.Select(p => new TopicPartition(topic, new Partition(p))).ToList();
        var committed = consumer.Committed(all, timeout).ToDictionary(c => c.Partition.Value, c => c.Offset);
        var parts = new List<SourceProgressPart>();
        long processed = 0, total = 0, lag = 0;
        foreach (var tp in all)
        {
            var marks = consumer.QueryWatermarkOffsets(tp, timeout);
            var low = marks.Low.IsSpecial ? 0 : marks.Low.Value;
            var high = marks.High.IsSpecial ? low : marks.High.Value;
            long? position = committed.TryGetValue(tp.Partition.Value, out var offset) && !offset.IsSpecial ? offset.Value : null;
            var from = Math.Max(position ?? low, low);
            var partLag = Math.Max(0, high - from);
            parts.Add(new SourceProgressPart(tp.Partition.Value.ToString(CultureInfo.InvariantCulture), position, high, partLag));
            processed += Math.Max(0, from - low);
            total += high - low;
            lag += partLag;
        }

        var committedParts = parts.Count(p => p.Position is not null);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"group {_options.ConsumerGroupId}: {committedParts}/{parts.Count} partitions committed, offsets {string.Join(' ', parts.Select(p => $"{p.Part}:{(p.Position is { } at ? at.ToString(CultureInfo.InvariantCulture) : "-")}/{p.End}"))}");
        return new SourceProgress($"kafka:{topic}", "kafka", text, processed, total, lag, "messages", null, now) { Parts = parts };
    }

    private static SourceProgress Failed(string topic, string error, DateTimeOffset now) =>
        new($"kafka:{topic}", "kafka", null, null, null, null, "messages", error, now);
}
