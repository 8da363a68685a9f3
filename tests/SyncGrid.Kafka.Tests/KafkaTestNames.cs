namespace SyncGrid.Kafka.Tests;

public static class KafkaTestNames
{
    public const string Namespace = "ingest-test";
    public const string Storage = "kafka-tests";
    public const string Provider = "kafka";
}
