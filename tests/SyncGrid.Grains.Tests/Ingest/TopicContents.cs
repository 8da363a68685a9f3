using System.Text.Json;
using Confluent.Kafka;

namespace SyncGrid.Grains.Tests.Ingest;

/// <summary>Every record of a topic on the mock cluster, read from the beginning of each partition to its end.</summary>
internal static class TopicContents
{
    public static List<(string Key, byte[] Value)> ReadAll(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "topic-check-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        var expected = 0L;
        var assigned = new List<TopicPartitionOffset>();
        for (var partition = 0; partition < partitions; partition++)
        {
            var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10));
            expected += marks.High - marks.Low;
            assigned.Add(new TopicPartitionOffset(topic, partition, Offset.Beginning));
        }

        consumer.Assign(assigned);
        var records = new List<(string, byte[])>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (records.Count < expected)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"read {records.Count} of {expected} records of {topic} within 60 s");
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { IsPartitionEOF: false } result)
            {
                records.Add((result.Message.Key, result.Message.Value));
            }
        }

        return records;
    }

    /// <summary>The partner index of each envelope (its <c>source.index</c>).</summary>
    public static List<long> Indexes(IEnumerable<(string Key, byte[] Value)> records) =>
        [.. records.Select(r =>
        {
            using var json = JsonDocument.Parse(r.Value);
            return json.RootElement.GetProperty("source").GetProperty("index").GetInt64();
        })];
}
