using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Streams;
using SyncGrid.Abstractions;
using SyncGrid.Kafka.Mock;
using SyncGrid.Kafka.Streams;

namespace SyncGrid.Kafka.Tests;

/// <summary>
/// The receiver on its own against the mock cluster: extractor records (no stream header) come out in batches per key
/// bucket, in partition order per key, and the group's offset is never committed past a batch still in delivery.
/// </summary>
public sealed class KafkaQueueAdapterReceiverTests : IDisposable
{
    private const string Topic = "raw-records";
    private const int Records = 300;
    private readonly MockKafkaCluster _kafka = new(1);
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().AddMetrics().BuildServiceProvider();

    public KafkaQueueAdapterReceiverTests() => _kafka.CreateTopic(Topic, 1);

    public void Dispose()
    {
        _services.Dispose();
        _kafka.Dispose();
    }

    [Fact]
    public async Task ExtractorRecords_BatchedPerBucketInKeyOrder_CommitWaitsForTheOldestBatchInDelivery()
    {
        var group = "receiver-" + Guid.NewGuid().ToString("N")[..8];
        await ProduceAsync();
        var options = new KafkaStreamOptions
        {
            BootstrapServers = _kafka.BootstrapServers,
            ConsumerGroupId = group,
            RecordStreamsPerPartition = 4,
            MaxRecordsPerEvent = 16,
            MaxBatchSize = 100,
        };
        var receiver = new KafkaQueueAdapterReceiver("kafka", QueueId.GetQueueId(Topic, 0, 0), options, _services.GetRequiredService<Serializer>(),
            new KafkaMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), NullLogger<KafkaQueueAdapterReceiver>.Instance);
        await receiver.Initialize(TimeSpan.FromSeconds(10));
        try
        {
            var batches = await ReadAllAsync(receiver);

            var records = batches.SelectMany(b => b.GetEvents<RawRecord>().Select(e => (Batch: b, Record: e.Item1))).ToList();
            Assert.Equal(Enumerable.Range(0, Records).Select(i => (long)i), records.Select(r => r.Record.Offset).Order());
            Assert.All(batches, b => Assert.InRange(b.Events.Count, 1, 16));
            Assert.True(batches.Select(b => b.StreamId).Distinct().Count() <= 4, "records of one partition use at most RecordStreamsPerPartition streams");
            Assert.All(records.GroupBy(r => Encoding.UTF8.GetString(r.Record.Key)), key =>
            {
                // A key always meets the same stream, and its records come out in the order they were written.
                Assert.Single(key.Select(r => r.Batch.StreamId).Distinct());
                Assert.Equal(key.Select(r => r.Record.Offset).Order(), key.Select(r => r.Record.Offset));
            });
            Assert.All(batches, b => Assert.Equal(b.GetEvents<RawRecord>().Last().Item1.Offset, b.LastOffset));

            // Everything but the oldest batch delivered: nothing may be committed past that batch's first record.
            var oldest = batches.MinBy(b => b.Offset)!;
            await receiver.MessagesDeliveredAsync([.. batches.Where(b => b != oldest)]);
            Assert.Equal(oldest.Offset, Committed(group));

            await receiver.MessagesDeliveredAsync([oldest]);
            Assert.Equal(Records, Committed(group));
        }
        finally
        {
            await receiver.Shutdown(TimeSpan.FromSeconds(10));
        }
    }

    private async Task ProduceAsync()
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build();
        for (var i = 0; i < Records; i++)
        {
            // 23 keys, so buckets are shared and every bucket sees several keys interleaved.
            await producer.ProduceAsync(new TopicPartition(Topic, 0), new Message<string, string> { Key = $"key-{i % 23}", Value = $"record {i}" });
        }
    }

    private static async Task<List<KafkaBatchContainer>> ReadAllAsync(KafkaQueueAdapterReceiver receiver)
    {
        var batches = new List<KafkaBatchContainer>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (batches.Sum(b => b.Events.Count) < Records && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            var read = await receiver.GetQueueMessagesAsync(10);
            Assert.InRange(read.Count, 0, 10);
            batches.AddRange(read.Cast<KafkaBatchContainer>());
            if (read.Count == 0)
            {
                await Task.Delay(20);
            }
        }

        return batches;
    }

    private long Committed(string group)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = group }).Build();
        return consumer.Committed([new TopicPartition(Topic, 0)], TimeSpan.FromSeconds(10)).Single().Offset.Value;
    }
}
