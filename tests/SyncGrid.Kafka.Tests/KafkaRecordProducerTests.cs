using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using SyncGrid.Kafka.Mock;
using SyncGrid.Kafka.Producing;

namespace SyncGrid.Kafka.Tests;

public sealed class KafkaRecordProducerTests : IDisposable
{
    private readonly MockKafkaCluster _kafka = new(3);
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    public KafkaRecordProducerTests() => _kafka.CreateTopic("raw", 4);

    public void Dispose()
    {
        _timeout.Dispose();
        _kafka.Dispose();
    }

    [Fact]
    public async Task PublishAsync_Batch_ReturnsAcknowledgedOffsetsAndKeepsAKeyInOnePartition()
    {
        using var services = Services(TimeSpan.FromSeconds(10));
        var producer = services.GetRequiredService<KafkaRecordProducer>();
        var records = Enumerable.Range(0, 100).Select(i => new KafkaRecord($"tin-{i % 7}", Encoding.UTF8.GetBytes($"row {i}"))).ToList();

        var deliveries = await producer.PublishAsync("raw", records, _timeout.Token);

        Assert.Equal(100, deliveries.Count);
        Assert.All(records.Zip(deliveries).GroupBy(x => x.First.Key), g => Assert.Single(g.Select(x => x.Second.Partition).Distinct()));
        Assert.Equal(100, deliveries.Select(d => (d.Partition, d.Offset)).Distinct().Count());
        var last = deliveries[^1];
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = "raw-check" }).Build();
        consumer.Assign(new TopicPartitionOffset("raw", last.Partition, last.Offset));
        Assert.Equal("row 99", consumer.Consume(TimeSpan.FromSeconds(10))?.Message.Value);
    }

    [Fact]
    public async Task PublishAsync_AllBrokersDown_ThrowsInsteadOfReturningOffsets()
    {
        using var services = Services(TimeSpan.FromSeconds(1));
        var producer = services.GetRequiredService<KafkaRecordProducer>();
        await producer.PublishAsync("raw", [new KafkaRecord("k", [1])], _timeout.Token);
        for (var broker = 1; broker <= _kafka.BrokerCount; broker++)
        {
            _kafka.SetBrokerDown(broker);
        }

        await Assert.ThrowsAsync<KafkaPublishException>(() => producer.PublishAsync("raw", [new KafkaRecord("k", [2])], _timeout.Token));
    }

    private ServiceProvider Services(TimeSpan deliveryTimeout) => new ServiceCollection()
        .AddLogging()
        .AddKafkaRecordProducer(o =>
        {
            o.BootstrapServers = _kafka.BootstrapServers;
            o.DeliveryTimeout = deliveryTimeout;
        })
        .BuildServiceProvider();
}
