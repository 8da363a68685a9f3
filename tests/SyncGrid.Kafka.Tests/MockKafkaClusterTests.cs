using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;
using SyncGrid.Kafka.Mock;

namespace SyncGrid.Kafka.Tests;

public sealed class MockKafkaClusterTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public void CreateTopic_EightPartitions_MetadataShowsEight()
    {
        using var cluster = new MockKafkaCluster(3);
        cluster.CreateTopic("eight", 8);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var metadata = admin.GetMetadata("eight", Wait);

        Assert.Equal(3, metadata.Brokers.Count);
        Assert.Equal(8, Assert.Single(metadata.Topics).Partitions.Count);
        Assert.StartsWith("127.0.0.1:", cluster.BootstrapServers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Produce_ThenConsumeFromPartition_RoundTripsKeyAndValue()
    {
        using var cluster = new MockKafkaCluster(3);
        cluster.CreateTopic("roundtrip", 8);
        using var producer = new ProducerBuilder<string, string>(ProducerConfig(cluster)).Build();

        var delivered = await producer.ProduceAsync(new TopicPartition("roundtrip", new Partition(5)),
            new Message<string, string> { Key = "7707083893", Value = "hello" }, _timeout.Token);

        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        var consumed = ConsumeOne(cluster, delivered.TopicPartitionOffset);
        Assert.Equal(("7707083893", "hello"), (consumed.Message.Key, consumed.Message.Value));
    }

    [Fact]
    public async Task SetBrokerDown_AllBrokers_ProduceWaitsUntilBrokersAreUp()
    {
        using var cluster = new MockKafkaCluster(3);
        cluster.CreateTopic("outage", 1);
        using var producer = new ProducerBuilder<string, string>(ProducerConfig(cluster)).Build();
        await producer.ProduceAsync("outage", new Message<string, string> { Key = "k", Value = "before" }, _timeout.Token);

        for (var broker = 1; broker <= cluster.BrokerCount; broker++)
        {
            cluster.SetBrokerDown(broker);
        }

        var during = producer.ProduceAsync("outage", new Message<string, string> { Key = "k", Value = "during" }, _timeout.Token);
        var early = await Task.WhenAny(during, Task.Delay(TimeSpan.FromMilliseconds(700), _timeout.Token));
        Assert.NotSame(during, early);

        for (var broker = 1; broker <= cluster.BrokerCount; broker++)
        {
            cluster.SetBrokerUp(broker);
        }

        var delivered = await during.WaitAsync(Wait, _timeout.Token);
        Assert.Equal(1, delivered.Offset.Value);
    }

    [Fact]
    public async Task SetPartitionLeader_LeaderDown_PartitionWaitsOthersDoNot()
    {
        using var cluster = new MockKafkaCluster(3);
        cluster.CreateTopic("leaders", 2);
        cluster.SetPartitionLeader("leaders", 0, 2);
        cluster.SetPartitionLeader("leaders", 1, 3);
        cluster.SetGroupCoordinator("mock-tests", 3);
        using var producer = new ProducerBuilder<string, string>(ProducerConfig(cluster)).Build();
        await producer.ProduceAsync(new TopicPartition("leaders", new Partition(0)), new Message<string, string> { Key = "k", Value = "before" }, _timeout.Token);

        cluster.SetBrokerDown(2);
        var toDownLeader = producer.ProduceAsync(new TopicPartition("leaders", new Partition(0)), new Message<string, string> { Key = "k", Value = "during" }, _timeout.Token);
        var toOther = await producer.ProduceAsync(new TopicPartition("leaders", new Partition(1)), new Message<string, string> { Key = "k", Value = "other" }, _timeout.Token);
        Assert.Equal(0, toOther.Offset.Value);
        Assert.False(toDownLeader.IsCompleted, "a partition whose leader is down takes no record");

        cluster.SetBrokerUp(2);
        Assert.Equal(1, (await toDownLeader.WaitAsync(Wait, _timeout.Token)).Offset.Value);
        Assert.Equal("during", ConsumeOne(cluster, new TopicPartitionOffset("leaders", new Partition(0), new Offset(1))).Message.Value);
    }

    [Fact]
    public async Task PushRequestErrors_Produce_IdempotentProducerRetriesAndDeliversOnce()
    {
        using var cluster = new MockKafkaCluster(1);
        cluster.CreateTopic("flaky", 1);
        using var producer = new ProducerBuilder<string, string>(ProducerConfig(cluster)).Build();
        await producer.ProduceAsync("flaky", new Message<string, string> { Key = "k", Value = "warm-up" }, _timeout.Token);

        cluster.PushRequestErrors(0, ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut);
        var delivered = await producer.ProduceAsync("flaky", new Message<string, string> { Key = "k", Value = "after-errors" }, _timeout.Token);

        Assert.Equal(1, delivered.Offset.Value);
        Assert.Equal("after-errors", ConsumeOne(cluster, delivered.TopicPartitionOffset).Message.Value);
    }

    [Fact]
    public void Dispose_Twice_IsHarmlessAndLaterCallsThrow()
    {
        var cluster = new MockKafkaCluster(1);
        cluster.Dispose();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("late", 1));
    }

    private static ProducerConfig ProducerConfig(MockKafkaCluster cluster) => new()
    {
        BootstrapServers = cluster.BootstrapServers,
        Acks = Acks.All,
        EnableIdempotence = true,
        MessageTimeoutMs = 10_000,
    };

    private static ConsumeResult<string, string> ConsumeOne(MockKafkaCluster cluster, TopicPartitionOffset at)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "mock-tests",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(at);
        return consumer.Consume(Wait) ?? throw new InvalidOperationException($"Nothing consumed at {at} within {Wait}.");
    }
}
