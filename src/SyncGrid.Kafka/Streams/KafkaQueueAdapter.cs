using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Streams;

namespace SyncGrid.Kafka.Streams;

/// <summary>
/// Writes each <c>QueueMessageBatchAsync</c> call as one Kafka record (key = stream key, value = the events in the Orleans
/// serializer's format, header = stream namespace) to the partition the queue mapper names, and completes only when all
/// in-sync replicas have it. Creates one receiver per partition.
/// </summary>
public sealed partial class KafkaQueueAdapter : IQueueAdapter, IDisposable
{
    private readonly KafkaStreamOptions _options;
    private readonly KafkaStreamQueueMapper _mapper;
    private readonly Serializer _serializer;
    private readonly KafkaMetrics _metrics;
    private readonly ILoggerFactory _loggers;
    private readonly Lazy<IProducer<byte[], byte[]>> _producer;

    public KafkaQueueAdapter(string name, KafkaStreamOptions options, KafkaStreamQueueMapper mapper, Serializer serializer, KafkaMetrics metrics,
        ILoggerFactory loggers)
    {
        Name = name;
        _options = options;
        _mapper = mapper;
        _serializer = serializer;
        _metrics = metrics;
        _loggers = loggers;
        // Created on first write: silos that only consume never open a producer.
        _producer = new Lazy<IProducer<byte[], byte[]>>(() =>
            new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(options.BootstrapServers, options.ClientSettings)).Build());
    }

    public string Name { get; }

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new KafkaQueueAdapterReceiver(Name, queueId, _options, _serializer, _metrics, _loggers.CreateLogger<KafkaQueueAdapterReceiver>());

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token,
        Dictionary<string, object>? requestContext)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (token is not null)
        {
            throw new ArgumentException("Kafka assigns the sequence (the offset); a producer-supplied token is not supported.", nameof(token));
        }

        var queue = _mapper.GetQueueForStream(streamId);
        var partition = new TopicPartition(KafkaStreamQueueMapper.TopicOf(queue), new Partition(KafkaStreamQueueMapper.PartitionOf(queue)));
        var batch = new KafkaEventBatch { Events = [.. events.Cast<object>()], RequestContext = requestContext };
        var message = new Message<byte[], byte[]>
        {
            Key = streamId.Key.ToArray(),
            Value = _serializer.SerializeToArray(batch),
            Headers = [new Header(KafkaQueueAdapterReceiver.NamespaceHeader, streamId.Namespace.ToArray())],
        };
        await _producer.Value.ProduceAsync(partition, message);
        _metrics.Produced(partition.Topic, 1);
    }

    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(_options.RequestTimeout);
            _producer.Value.Dispose();
        }
    }
}
