using Confluent.Kafka;
using Microsoft.Extensions.Options;
using SyncGrid.Kafka.Mock;
using SyncGrid.Kafka.Progress;

namespace SyncGrid.Kafka.Tests;

[Trait("Category", "Integration")]
public sealed class KafkaSourceProgressProviderTests : IDisposable
{
    private const string Topic = "progress";
    private const string Group = "progress-group";
    private readonly MockKafkaCluster _kafka = new(1);

    public KafkaSourceProgressProviderTests() => _kafka.CreateTopic(Topic, 2);

    public void Dispose() => _kafka.Dispose();

    [Fact]
    public async Task GetProgress_CommittedBehindTheEnd_ReportsLagPerPartitionAndInTotal()
    {
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                await producer.ProduceAsync(new TopicPartition(Topic, new Partition(i < 6 ? 0 : 1)), new Message<Null, string> { Value = $"m{i}" });
            }
        }

        using (var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = Group }).Build())
        {
            consumer.Commit([new TopicPartitionOffset(Topic, new Partition(0), new Offset(4))]);
        }

        var provider = Provider(Topic);

        var row = Assert.Single(await provider.GetProgressAsync());

        Assert.Null(row.LastError);
        Assert.Equal("kafka:" + Topic, row.Source);
        Assert.Equal("kafka", row.Kind);
        Assert.Equal(10, row.Total);
        Assert.Equal(4, row.Processed);
        Assert.Equal(6, row.Lag);
        Assert.Equal("messages", row.Unit);
        Assert.Equal(2, row.Parts.Count);
        Assert.Equal(("0", 4L, 6L, 2L), (row.Parts[0].Part, row.Parts[0].Position, row.Parts[0].End, row.Parts[0].Lag));
        Assert.Equal(("1", (long?)null, 4L, 4L), (row.Parts[1].Part, row.Parts[1].Position, row.Parts[1].End, row.Parts[1].Lag));
        Assert.Contains("1/2 partitions committed", row.Position, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetProgress_UnknownTopic_RowWithTheErrorInsteadOfAnException()
    {
        var provider = Provider(Topic, "no-such-topic");

        var rows = await provider.GetProgressAsync();

        Assert.Equal(2, rows.Count);
        Assert.Null(rows[0].LastError);
        Assert.Equal("kafka:no-such-topic", rows[1].Source);
        Assert.Contains("does not exist", rows[1].LastError, StringComparison.Ordinal);
        Assert.Null(rows[1].Lag);
    }

    private KafkaSourceProgressProvider Provider(params string[] topics)
    {
        var options = new KafkaSourceProgressOptions { BootstrapServers = _kafka.BootstrapServers, ConsumerGroupId = Group };
        foreach (var topic in topics)
        {
            options.Topics.Add(topic);
        }

        return new KafkaSourceProgressProvider(Options.Create(options), TimeProvider.System);
    }
}
