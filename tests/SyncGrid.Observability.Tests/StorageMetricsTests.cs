using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using SyncGrid.Storage.GrainState;
using SyncGrid.Storage.Schema;
using SyncGrid.Testing;

namespace SyncGrid.Observability.Tests;

/// <summary>The batched grain storage reports its batch sizes and durations, and how many states wait for a batch.</summary>
[Trait("Category", "Integration")]
public sealed class StorageMetricsTests
{
    [Fact]
    public async Task WriteStateAsync_ManyGrainsAtOnce_BatchSizesAddUpToTheStatesWritten()
    {
        await using var database = await TestDatabase.CreateAsync("storage_metrics");
        await SchemaMigrator.MigrateAsync(database.ConnectionString, NullLogger.Instance, CancellationToken.None);
        await using var services = new ServiceCollection().AddMetrics().AddSerializer().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var recorder = new MetricsRecorder(meters);
        var storage = new MariaDbGrainStorage("metrics", new MariaDbGrainStorageOptions { ConnectionString = database.ConnectionString, MaxBatchSize = 50, MaxConcurrentBatches = 2 },
            services.GetRequiredService<Serializer>(), services.GetRequiredService<IActivatorProvider>(), NullLogger<MariaDbGrainStorage>.Instance,
            new GrainStorageMetrics(meters), "probe");
        try
        {
            var states = Enumerable.Range(0, 200).Select(i => new GrainState<string> { State = "state " + i }).ToList();

            await Task.WhenAll(states.Select((s, i) => storage.WriteStateAsync("metrics", GrainId.Create("probe", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), s)));

            var batches = recorder.Matching(GrainStorageMetrics.BatchSizeInstrument, ("storage", "probe"), ("operation", "write"));
            Assert.Equal(200, batches.Sum(b => b.Value));
            Assert.All(batches, b => Assert.InRange(b.Value, 1, 50));
            Assert.True(batches.Count < 200, $"200 concurrent writes must share batches; {batches.Count} batches");
            Assert.Equal(batches.Count, recorder.Matching(GrainStorageMetrics.BatchDurationInstrument, ("storage", "probe"), ("operation", "write")).Count);
            Assert.Equal(0, Assert.Single(recorder.Observe(GrainStorageMetrics.QueueDepthInstrument, ("storage", "probe"), ("operation", "write"))).Value);
        }
        finally
        {
            await storage.DisposeAsync();
        }

        Assert.Empty(recorder.Observe(GrainStorageMetrics.QueueDepthInstrument, ("storage", "probe")));
    }
}
