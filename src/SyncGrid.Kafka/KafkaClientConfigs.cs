using Confluent.Kafka;

namespace SyncGrid.Kafka;

/// <summary>The Kafka client settings SyncGrid relies on, in one place.</summary>
internal static class KafkaClientConfigs
{
    /// <summary>A producer that writes each record once and reports delivery only when all in-sync replicas have it.</summary>
    public static ProducerConfig Producer(string bootstrapServers, IEnumerable<KeyValuePair<string, string>> extra) =>
        new(With(extra))
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
        };

    /// <summary>A consumer of manually assigned partitions whose offsets move only by explicit commits.</summary>
    public static ConsumerConfig Consumer(string bootstrapServers, string groupId, IEnumerable<KeyValuePair<string, string>> extra) =>
        new(With(extra))
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };

    /// <summary>An admin client, for metadata.</summary>
    public static AdminClientConfig Admin(string bootstrapServers, IEnumerable<KeyValuePair<string, string>> extra) =>
        new(With(extra)) { BootstrapServers = bootstrapServers };

    private static Dictionary<string, string> With(IEnumerable<KeyValuePair<string, string>> extra) => new(extra, StringComparer.Ordinal);
}
