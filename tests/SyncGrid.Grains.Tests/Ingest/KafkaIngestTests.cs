using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Grains.Ingest;
using SyncGrid.Kafka;
using SyncGrid.Kafka.Mock;
using SyncGrid.Kafka.Producing;
using SyncGrid.Storage.Rejects;

namespace SyncGrid.Grains.Tests.Ingest;

/// <summary>Store B events published to the (mock) Kafka topic reach their company grains through the partner ingest grains.</summary>
public sealed class KafkaIngestTests : IAsyncLifetime, IDisposable
{
    private readonly MockKafkaCluster _kafka = new(3);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _kafka.CreateTopic(StoreBStreams.Namespace, 4);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSyncGridMemoryGrainStorage(GrainStorageNames.Grid);
            silo.AddSyncGridGrains();
            silo.Services.AddSyncGridInMemoryReadModel();
            silo.Services.AddSingleton<IRejectStore>(new InMemoryRejectStore(TimeProvider.System));
            silo.AddSyncGridKafkaStreams(StoreBStreams.Provider, o =>
            {
                o.BootstrapServers = _kafka.BootstrapServers;
                o.Topics.Add(StoreBStreams.Namespace);
                o.ConsumerGroupId = "ingest-tests";
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    public void Dispose() => _kafka.Dispose();

    [Fact]
    public async Task PublishedEvents_ReachTheirCompaniesThroughTheIngestGrains()
    {
        var tins = Enumerable.Range(0, 20).Select(_ => Sample.NewTin()).ToList();
        using var producer = new KafkaRecordProducer(
            Options.Create(new KafkaProducerOptions { BootstrapServers = _kafka.BootstrapServers }),
            new KafkaMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<KafkaRecordProducer>.Instance);

        await producer.PublishAsync(StoreBStreams.Namespace, [.. tins.Select(t => new KafkaRecord("k-" + t, Event("k-" + t, t)))]);

        var watch = Stopwatch.StartNew();
        foreach (var tin in tins)
        {
            while ((await _cluster.Client.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync()).Merged is null)
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"company {tin} did not receive its event within 60 s");
                await Task.Delay(50);
            }
        }

        Assert.Equal(tins[0], await _cluster.Client.GetGrain<IPartnerIngestGrain>("k-" + tins[0]).GetLastTinAsync());
        var rows = await _cluster.Client.GetGrain<ICompanyGrain>(tins[0]).GetSyncStateAsync();
        Assert.Equal(["store-b:k-" + tins[0]], rows.Sources.Select(s => s.Key.ToString()));
    }

    private static byte[] Event(string partner, string tin) => Encoding.UTF8.GetBytes(
        "{\"eventId\":\"" + partner + "\",\"eventType\":\"PartnerChanged\",\"occurredAt\":\"2026-10-01T09:00:00Z\","
        + "\"partner\":{\"partnerId\":\"" + partner + "\",\"category\":\"ORGANIZATION\",\"name\":\"ООО Ромашка\",\"taxNumbers\":{\"inn\":\"" + tin + "\"}}}");
}
