using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Streams;

namespace SyncGrid.Kafka.Streams;

/// <summary>
/// Reads one partition (one queue). The partition is assigned manually, starting at the consumer group's committed offset,
/// because Orleans' queue balancer, not Kafka's group protocol, decides which silo owns it. Offsets are committed only in
/// <see cref="MessagesDeliveredAsync(IList{IBatchContainer})"/>, that is for batches the queue cache has released after
/// every consumer grain acknowledged them.
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
    private KafkaMetrics.PartitionPosition? _position;
    private long _committed = -1;

    public KafkaQueueAdapterReceiver(string provider, QueueId queue, KafkaStreamOptions options, Serializer serializer, KafkaMetrics metrics,
        ILogger<KafkaQueueAdapterReceiver> logger)
    {
        _provider = provider;
        _partition = new TopicPartition(KafkaStreamQueueMapper.TopicOf(queue), new Partition(KafkaStreamQueueMapper.PartitionOf(queue)));
        _options = options;
        _serializer = serializer;
        _metrics = metrics;
        _logger = logger;
    }

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
        var wanted = Math.Min(maxCount, _options.MaxBatchSize);
        lock (_gate)
        {
            if (_consumer is null)
            {
                return batches;
            }

            var timeout = _options.PollTimeout;
            while (batches.Count < wanted && _consumer.Consume(timeout) is { } record)
            {
                timeout = TimeSpan.Zero;
                if (ToBatch(record) is { } batch)
                {
                    batches.Add(batch);
                }
            }

            UpdatePosition(_consumer);
        }

        if (batches.Count > 0)
        {
            _metrics.Consumed(_partition.Topic, batches.Count);
        }

        return batches;
    });

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var next = messages.OfType<KafkaBatchContainer>().Select(m => m.Offset + 1).DefaultIfEmpty(-1).Max();
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
            _position.Update(consumer.GetWatermarkOffsets(_partition).High.Value, consumer.Position(_partition).Value);
        }
        catch (KafkaException)
        {
            // Offsets are unknown for now (the partition is being fetched for the first time).
        }
    }

    private KafkaBatchContainer? ToBatch(ConsumeResult<byte[], byte[]> record)
    {
        var key = record.Message.Key ?? [];
        var offset = record.Offset.Value;
        byte[]? ns = null;
        if (record.Message.Headers?.TryGetLastBytes(NamespaceHeader, out ns) != true || ns is null)
        {
            // A raw record (published by an extractor, not by the stream adapter): one byte[] event on stream (topic, key).
            return new KafkaBatchContainer(StreamId.Create(System.Text.Encoding.UTF8.GetBytes(_partition.Topic), key),
                [record.Message.Value ?? []], null, offset);
        }

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
