using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Providers;
using Orleans.TestingHost;
using SyncGrid.Kafka.Mock;

namespace SyncGrid.Kafka.Tests;

/// <summary>An in-process Orleans cluster whose Kafka stream provider reads and writes one topic on a mock Kafka cluster.</summary>
public sealed class KafkaGrid : IAsyncDisposable
{
    public const string Group = "grid-tests";

    private readonly InProcessTestCluster _cluster;

    private KafkaGrid(InProcessTestCluster cluster, MockKafkaCluster kafka, string topic)
    {
        _cluster = cluster;
        Kafka = kafka;
        Topic = topic;
    }

    public MockKafkaCluster Kafka { get; }

    public string Topic { get; }

    public InProcessTestCluster Cluster => _cluster;

    public static async Task<KafkaGrid> StartAsync(MockKafkaCluster kafka, string topic, DeliveryProbe probe, int silos = 1)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(KafkaTestNames.Storage);
            silo.Services.AddSingleton(probe);
            silo.AddSyncGridKafkaStreams(KafkaTestNames.Provider, o => Configure(o, kafka, topic), streams =>
            {
                streams.ConfigurePullingAgent(o => o.Configure(a =>
                {
                    a.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(50);
                    a.MaxEventDeliveryTime = TimeSpan.FromMinutes(1);
                }));
                streams.ConfigureBackoffProvider((_, _) => (IMessageDeliveryBackoffProvider)new FixedBackoff(TimeSpan.FromMilliseconds(50)));
                streams.ConfigureBackoffProvider((_, _) => (IQueueReaderBackoffProvider)new FixedBackoff(TimeSpan.FromMilliseconds(50)));
            });
        });
        builder.ConfigureClient(client => client.AddSyncGridKafkaStreams(KafkaTestNames.Provider, o => Configure(o, kafka, topic)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new KafkaGrid(cluster, kafka, topic);
    }

    /// <summary>Publishes <paramref name="perStream"/> events on each of <paramref name="streams"/> streams through the client.</summary>
    public async Task PublishAsync(int streams, int perStream, int firstSeq = 0)
    {
        var provider = _cluster.Client.GetStreamProvider(KafkaTestNames.Provider);
        await Task.WhenAll(Enumerable.Range(0, streams).Select(async s =>
        {
            var key = StreamKey(s);
            var stream = provider.GetStream<TestEvent>(StreamId.Create(KafkaTestNames.Namespace, key));
            for (var i = firstSeq; i < firstSeq + perStream; i++)
            {
                await stream.OnNextAsync(new TestEvent(key, i));
            }
        }));
    }

    public static string StreamKey(int s) => $"company-{s:D4}";

    /// <summary>The group's committed offset and the end offset of each partition.</summary>
    public IReadOnlyList<(long Committed, long End)> Offsets(int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = Kafka.BootstrapServers, GroupId = Group }).Build();
        var all = Enumerable.Range(0, partitions).Select(p => new TopicPartition(Topic, new Partition(p))).ToList();
        var committed = consumer.Committed(all, TimeSpan.FromSeconds(10));
        return [.. all.Select(tp => (
            committed.Single(c => c.TopicPartition == tp).Offset.Value,
            consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value))];
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    private static void Configure(SyncGrid.Kafka.Streams.KafkaStreamOptions o, MockKafkaCluster kafka, string topic)
    {
        o.BootstrapServers = kafka.BootstrapServers;
        o.Topics.Add(topic);
        o.ConsumerGroupId = Group;
    }

    private sealed class FixedBackoff(TimeSpan delay) : IMessageDeliveryBackoffProvider, IQueueReaderBackoffProvider
    {
        public TimeSpan Next(int attempt) => delay;
    }
}
