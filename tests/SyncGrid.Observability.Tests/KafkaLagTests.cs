using System.Diagnostics;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Streams;
using SyncGrid.Kafka;
using SyncGrid.Kafka.Mock;
using SyncGrid.Kafka.Streams;
using SyncGrid.Testing;

namespace SyncGrid.Observability.Tests;

/// <summary>The consumer lag and partition gauges follow a stream receiver: high watermark minus position, per topic.</summary>
public sealed class KafkaLagTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSerializer().BuildServiceProvider();
    private readonly MockKafkaCluster _kafka = new(1);

    public void Dispose()
    {
        _services.Dispose();
        _kafka.Dispose();
    }

    [Fact]
    public async Task Receiver_ReadsPartOfAPartition_LagIsWhatRemainsThenZero()
    {
        const string topic = "lag-probe";
        _kafka.CreateTopic(topic, 1);
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                await producer.ProduceAsync(new TopicPartition(topic, new Partition(0)), new Message<byte[], byte[]> { Key = [(byte)i], Value = [(byte)i] });
            }
        }

        var meters = _services.GetRequiredService<IMeterFactory>();
        using var recorder = new MetricsRecorder(meters);
        var metrics = new KafkaMetrics(meters);
        var options = new KafkaStreamOptions { BootstrapServers = _kafka.BootstrapServers, ConsumerGroupId = "lag-probe-group" };
        options.Topics.Add(topic);
        var queue = new KafkaStreamQueueMapper([new KafkaTopicLayout(topic, 1)]).GetAllQueues().Single();
        var receiver = new KafkaQueueAdapterReceiver("probe", queue, options, _services.GetRequiredService<Serializer>(), metrics, NullLogger<KafkaQueueAdapterReceiver>.Instance);
        await receiver.Initialize(TimeSpan.FromSeconds(10));
        try
        {
            Assert.Equal(1, Gauge(recorder, KafkaMetrics.PartitionsInstrument, topic));

            // Records of keys in one bucket share a batch, so a read of 4 batches may take more than 4 records.
            var read = await ReadAsync(receiver, 4);
            Assert.InRange(read, 4, 9);
            Assert.Equal(10 - read, Gauge(recorder, KafkaMetrics.ConsumerLagInstrument, topic));

            read += await ReadAsync(receiver, 10 - read);
            Assert.Equal(10, read);
            Assert.Equal(0, Gauge(recorder, KafkaMetrics.ConsumerLagInstrument, topic));
        }
        finally
        {
            await receiver.Shutdown(TimeSpan.FromSeconds(10));
        }

        // A released partition is no longer this silo's: neither gauge reports the topic.
        Assert.Empty(recorder.Observe(KafkaMetrics.PartitionsInstrument, ("topic", topic)));
        Assert.Empty(recorder.Observe(KafkaMetrics.ConsumerLagInstrument, ("topic", topic)));
    }

    private static double Gauge(MetricsRecorder recorder, string instrument, string topic) =>
        Assert.Single(recorder.Observe(instrument, ("topic", topic))).Value;

    private static async Task<int> ReadAsync(KafkaQueueAdapterReceiver receiver, int count)
    {
        var read = 0;
        var watch = Stopwatch.StartNew();
        while (read < count)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"Only {read} of {count} records read in 30 s.");
            var batches = await ((IQueueAdapterReceiver)receiver).GetQueueMessagesAsync(count - read, CancellationToken.None);
            read += batches.Sum(b => ((KafkaBatchContainer)b).Events.Count);
        }

        return read;
    }
}
