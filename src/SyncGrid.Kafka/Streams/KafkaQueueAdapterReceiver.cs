using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Streams;
using SyncGrid.Abstractions;

namespace SyncGrid.Kafka.Streams;

/// <summary>
/// Reads one partition (one queue). The partition is assigned manually, starting at the consumer group's committed offset,
/// because Orleans' queue balancer, not Kafka's group protocol, decides which silo owns it. Offsets are committed only in
/// <see cref="MessagesDeliveredAsync(IList{IBatchContainer})"/>, that is for batches the queue cache has released after
/// every consumer grain acknowledged them, and never past a record whose batch is still being delivered.
/// <para>
/// Records an extractor published (no stream header) are spread over <see cref="KafkaStreamOptions.RecordStreamsPerPartition"/>
/// streams per partition (<see cref="RecordStreamKey"/>) by a stable hash of their key, and consecutive records of one stream read in one poll travel
/// as one batch of <see cref="RawRecord"/> events: a key keeps its partition order, the buckets are delivered
/// concurrently, and a backlog costs one delivery per batch instead of one stream, handshake and delivery per record.
/// </para>
/// </summary>
public sealed partial class KafkaQueueAdapterReceiver : IQueueAdapterReceiver
{
    /// <summary>The header naming the stream namespace of a record the adapter produced.</summary>
    public const string NamespaceHeader = "sg-stream-ns";

    private readonly string _provider;
    private readonly TopicPartition _partition;
    private readonly KafkaStreamOptions _options;
    private readonly Serializer _serializer;
    private readonly KafkaMetrics _metrics;
    private readonly ILogger<KafkaQueueAdapterReceiver> _logger;
    private readonly Lock _gate = new();
    private IConsumer<byte[], byte[]>? _consumer;
    private readonly StreamId[] _recordStreams;
    private KafkaMetrics.PartitionPosition? _position;
    private long _committed = -1;

    // First offsets of the batches handed to the pulling agent and not yet delivered (guarded by _gate), the highest
    // offset handed out (or skipped as unreadable), and a record read but left for the next poll.
    private readonly SortedSet<long> _inDelivery = [];
    private long _handedOut = -1;
    private ConsumeResult<byte[], byte[]>? _held;

    public KafkaQueueAdapterReceiver(string provider, QueueId queue, KafkaStreamOptions options, Serializer serializer, KafkaMetrics metrics,
        ILogger<KafkaQueueAdapterReceiver> logger)
    {
        _provider = provider;
        _partition = new TopicPartition(KafkaStreamQueueMapper.TopicOf(queue), new Partition(KafkaStreamQueueMapper.PartitionOf(queue)));
        _options = options;
        _serializer = serializer;
        _metrics = metrics;
        _logger = logger;
        _recordStreams = [.. Enumerable.Range(0, options.RecordStreamsPerPartition)
            .Select(b => StreamId.Create(_partition.Topic, RecordStreamKey(_partition.Topic, _partition.Partition.Value, b)))];
    }

    /// <summary>
    /// The key of an extractor record stream, <c>topic/partition.bucket</c>: the topic is part of it because an implicit
    /// subscriber's grain key is the stream key alone, and two topics' buckets must not share an activation.
    /// </summary>
    public static string RecordStreamKey(string topic, int partition, int bucket) =>
        string.Create(CultureInfo.InvariantCulture, $"{topic}/{partition}.{bucket}");

    public Task Initialize(TimeSpan timeout) => Task.Run(() =>
    {
        var consumer = new ConsumerBuilder<byte[], byte[]>(
                KafkaClientConfigs.Consumer(_options.BootstrapServers, _options.ConsumerGroupId, _options.ClientSettings))
            .Build();
        consumer.Assign(new TopicPartitionOffset(_partition, Offset.Stored));
        var position = _metrics.TrackPartition(_partition.Topic, _partition.Partition.Value);
        position.Update(-1, StartOffset(consumer, timeout / 2));
        lock (_gate)
        {
            _consumer = consumer;
            _position = position;
        }

        LogAssigned(_logger, _provider, _partition.Topic, _partition.Partition.Value, _options.ConsumerGroupId);
    });

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => Task.Run<IList<IBatchContainer>>(() =>
    {
        var batches = new List<IBatchContainer>();
        var wantedBatches = Math.Max(1, maxCount);
        var records = 0;
        lock (_gate)
        {
            if (_consumer is null)
            {
                return batches;
            }

            // Open record batches by bucket; a full one is closed, and the next record of its bucket opens another.
            var open = new Dictionary<int, RecordBatch>();
            var ordered = new List<RecordBatch>();
            var timeout = _options.PollTimeout;
            while (records < _options.MaxBatchSize)
            {
                var record = _held ?? _consumer.Consume(timeout);
                _held = null;
                if (record is null)
                {
                    break;
                }

                timeout = TimeSpan.Zero;
                var offset = record.Offset.Value;
                if (record.Message.Headers?.TryGetLastBytes(NamespaceHeader, out var ns) == true && ns is not null)
                {
                    if (ordered.Count + batches.Count >= wantedBatches)
                    {
                        _held = record;
                        break;
                    }

                    if (ToEventBatch(record, ns) is { } produced)
                    {
                        batches.Add(produced);
                        _inDelivery.Add(offset);
                    }
                }
                else
                {
                    var key = record.Message.Key ?? [];
                    var bucket = KafkaPartitioner.PartitionFor(key, _recordStreams.Length);
                    if (!open.TryGetValue(bucket, out var batch))
                    {
                        if (ordered.Count + batches.Count >= wantedBatches)
                        {
                            _held = record;
                            break;
                        }

                        batch = new RecordBatch(bucket, offset);
                        open[bucket] = batch;
                        ordered.Add(batch);
                        _inDelivery.Add(offset);
                    }

                    batch.Add(new RawRecord(key, record.Message.Value ?? [], _partition.Partition.Value, offset));
                    if (batch.Events.Count >= _options.MaxRecordsPerEvent)
                    {
                        open.Remove(bucket);
                    }
                }

                _handedOut = offset;
                records++;
            }

            batches.AddRange(ordered.Select(b => new KafkaBatchContainer(_recordStreams[b.Bucket], b.Events, null, b.FirstOffset, b.LastOffset)));
            UpdatePosition(_consumer);
        }

        if (records > 0)
        {
            _metrics.Consumed(_partition.Topic, records);
        }

        return batches;
    });

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        long next;
        lock (_gate)
        {
            foreach (var delivered in messages.OfType<KafkaBatchContainer>())
            {
                _inDelivery.Remove(delivered.Offset);
            }

            // Every record below the oldest batch still in delivery is in a delivered batch (or was unreadable).
            next = _inDelivery.Count > 0 ? _inDelivery.Min : _handedOut + 1;
        }

        return next <= Interlocked.Read(ref _committed) ? Task.CompletedTask : Task.Run(() => Commit(next));
    }

    public Task Shutdown(TimeSpan timeout) => Task.Run(() =>
    {
        IConsumer<byte[], byte[]>? consumer;
        lock (_gate)
        {
            consumer = _consumer;
            _consumer = null;
            _position?.Dispose();
            _position = null;
            _inDelivery.Clear();
            _held = null;
        }

        if (consumer is null)
        {
            return;
        }

        // Close leaves no group membership behind (the partition was assigned, not subscribed) and releases the fetcher.
        consumer.Close();
        consumer.Dispose();
        var committed = Interlocked.Read(ref _committed);
        LogReleased(_logger, _provider, _partition.Topic, _partition.Partition.Value, committed);
    });

    private void Commit(long next)
    {
        try
        {
            lock (_gate)
            {
                if (_consumer is null || next <= _committed)
                {
                    return;
                }

                _consumer.Commit([new TopicPartitionOffset(_partition, new Offset(next))]);
                Interlocked.Exchange(ref _committed, next);
            }

            _metrics.Commit(succeeded: true);
            LogCommitted(_logger, _provider, _partition.Topic, _partition.Partition.Value, next);
        }
        catch (KafkaException ex)
        {
            // The pulling agent would swallow this; the next delivered batch commits a higher offset anyway.
            _metrics.Commit(succeeded: false);
            LogCommitFailed(_logger, ex, _provider, _partition.Topic, _partition.Partition.Value, next);
            throw;
        }
    }

    /// <summary>Where reading starts: the group's committed offset, else the earliest (auto.offset.reset); -1 when unknown.</summary>
    private long StartOffset(IConsumer<byte[], byte[]> consumer, TimeSpan timeout)
    {
        try
        {
            var committed = consumer.Committed([_partition], timeout).FirstOrDefault()?.Offset ?? Offset.Unset;
            return committed.Value >= 0 ? committed.Value : consumer.QueryWatermarkOffsets(_partition, timeout).Low.Value;
        }
        catch (KafkaException)
        {
            // The gauge waits for the first poll instead.
            return -1;
        }
    }

    /// <summary>The lag gauge's inputs: the high watermark librdkafka learnt from its last fetch, and the read position.</summary>
    private void UpdatePosition(IConsumer<byte[], byte[]> consumer)
    {
        if (_position is null)
        {
            return;
        }

        try
        {
            // A record read but held for the next poll is not handed out yet: the position is still at it.
            var position = _held?.Offset.Value ?? consumer.Position(_partition).Value;
            _position.Update(consumer.GetWatermarkOffsets(_partition).High.Value, position);
        }
        catch (KafkaException)
        {
            // Offsets are unknown for now (the partition is being fetched for the first time).
        }
    }

    /// <summary>A record the stream adapter produced: its serialized event batch on the stream its header names.</summary>
    private KafkaBatchContainer? ToEventBatch(ConsumeResult<byte[], byte[]> record, byte[] ns)
    {
        var key = record.Message.Key ?? [];
        var offset = record.Offset.Value;
        try
        {
            var batch = _serializer.Deserialize<KafkaEventBatch>(record.Message.Value)
                ?? throw new InvalidDataException($"The record at offset {offset} holds no event batch.");
            return new KafkaBatchContainer(StreamId.Create(ns, key), batch.Events, batch.RequestContext, offset);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Nothing can read this record; later commits pass it, and the log names its offset for replay.
            LogUnreadable(_logger, ex, _provider, _partition.Topic, _partition.Partition.Value, offset);
            return null;
        }
    }

    /// <summary>Consecutive extractor records of one bucket, read in one poll.</summary>
    private sealed class RecordBatch(int bucket, long firstOffset)
    {
        public int Bucket { get; } = bucket;

        public long FirstOffset { get; } = firstOffset;

        public long LastOffset { get; private set; } = firstOffset;

        public List<object> Events { get; } = [];

        public void Add(RawRecord record)
        {
            Events.Add(record);
            LastOffset = record.Offset;
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Provider {Provider} reads {Topic}[{Partition}] from the committed offset of group {Group}")]
    private static partial void LogAssigned(ILogger logger, string provider, string topic, int partition, string group);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information,
        Message = "Provider {Provider} released {Topic}[{Partition}]; last commit {Offset}")]
    private static partial void LogReleased(ILogger logger, string provider, string topic, int partition, long offset);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug,
        Message = "Provider {Provider} committed {Topic}[{Partition}] at {Offset}")]
    private static partial void LogCommitted(ILogger logger, string provider, string topic, int partition, long offset);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "Provider {Provider} could not commit {Topic}[{Partition}] at {Offset}; the next delivery retries")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, string provider, string topic, int partition, long offset);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error,
        Message = "Provider {Provider} cannot read {Topic}[{Partition}] at {Offset}; the record is skipped")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string provider, string topic, int partition, long offset);
}
