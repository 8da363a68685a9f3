using Orleans.Streams;

namespace SyncGrid.Kafka.Streams;

/// <summary>
/// One queue per (topic, partition): the queue's name prefix is the topic and its numeric id the partition. A stream maps
/// to the topic named by its namespace (else the first topic) and to <see cref="KafkaPartitioner.PartitionFor"/> of its key,
/// the partition the adapter produces it to. Queues sit evenly on the hash ring, so the consistent-ring balancer spreads them.
/// </summary>
public sealed class KafkaStreamQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly IReadOnlyList<KafkaTopicLayout> _topics;
    private readonly Dictionary<string, QueueId[]> _queuesByTopic = new(StringComparer.Ordinal);
    private readonly QueueId[] _all;

    public KafkaStreamQueueMapper(IReadOnlyList<KafkaTopicLayout> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0)
        {
            throw new ArgumentException("At least one topic is needed.", nameof(topics));
        }

        _topics = topics;
        var total = (ulong)topics.Sum(t => t.Partitions);
        var all = new List<QueueId>();
        foreach (var layout in topics)
        {
            var queues = new QueueId[layout.Partitions];
            for (var partition = 0; partition < layout.Partitions; partition++)
            {
                var ringPosition = (uint)(((ulong)all.Count << 32) / total);
                queues[partition] = QueueId.GetQueueId(layout.Topic, (uint)partition, ringPosition);
                all.Add(queues[partition]);
            }

            _queuesByTopic[layout.Topic] = queues;
        }

        _all = [.. all];
    }

    /// <summary>The topics and partition counts behind the queues.</summary>
    public IReadOnlyList<KafkaTopicLayout> Topics => _topics;

    public IEnumerable<QueueId> GetAllQueues() => _all;

    public QueueId GetQueueForStream(StreamId streamId)
    {
        var ns = streamId.GetNamespace();
        var queues = ns is not null && _queuesByTopic.TryGetValue(ns, out var named) ? named : _queuesByTopic[_topics[0].Topic];
        return queues[KafkaPartitioner.PartitionFor(streamId.Key.Span, queues.Length)];
    }

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return _all.Where(q => range.InRange(q.GetUniformHashCode()));
    }

    /// <summary>The Kafka topic of <paramref name="queue"/>.</summary>
    public static string TopicOf(QueueId queue) => queue.GetStringNamePrefix();

    /// <summary>The Kafka partition of <paramref name="queue"/>.</summary>
    public static int PartitionOf(QueueId queue) => (int)queue.GetNumericId();
}
