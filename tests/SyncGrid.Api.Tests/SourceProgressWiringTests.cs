using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SyncGrid.Abstractions.Progress;
using SyncGrid.Api.Progress;
using SyncGrid.Cli.Hosting;
using SyncGrid.Kafka.Progress;
using SyncGrid.Sources.Import;
using SyncGrid.Storage.Checkpoints;

namespace SyncGrid.Api.Tests;

/// <summary>Which progress providers <c>syncgrid api</c> registers for a configuration, and the export provider's edge cases.</summary>
public sealed class SourceProgressWiringTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("syncgrid-progress-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ApiHost_KafkaStoreAAndCheckpointDirectory_EveryProviderAndEveryTopic()
    {
        using var host = Build(new()
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Kafka:ConsumerGroupId"] = "grid-a",
            ["Ingest:ExportsTopic"] = "prod.syncgrid.store-b-exports",
            ["Sources:StoreA:ConnectionString"] = "Server=replica;Database=store_a;User ID=reader;Password=pw",
            ["Sources:StoreA:Topic"] = "syncgrid.store-a.prod",
            ["Import:CheckpointDirectory"] = _dir,
        });

        var providers = host.Services.GetServices<ISourceProgressProvider>().Select(p => p.GetType()).ToList();
        var kafka = host.Services.GetRequiredService<IOptions<KafkaSourceProgressOptions>>().Value;

        Assert.Equal([typeof(KafkaSourceProgressProvider), typeof(StoreASourceProgressProvider), typeof(ExportCheckpointProgressProvider)], providers);
        Assert.Equal(["sapcrm.partners", "prod.syncgrid.store-b-exports", "syncgrid.store-a.prod"], kafka.Topics);
        Assert.Equal("grid-a", kafka.ConsumerGroupId);
        Assert.Equal("store-a", host.Services.GetServices<ISourceProgressProvider>().OfType<StoreASourceProgressProvider>().Single().Source);
        var files = Assert.IsType<FileSourceCheckpointStore>(host.Services.GetRequiredService<ISourceCheckpointStore>());
        Assert.Equal(Path.GetFullPath(_dir), files.Location);
    }

    [Fact]
    public void ApiHost_KafkaOnly_TheEventsAndExportsTopics()
    {
        using var host = Build(new() { ["Kafka:BootstrapServers"] = "127.0.0.1:1" });

        Assert.Equal([typeof(KafkaSourceProgressProvider)], host.Services.GetServices<ISourceProgressProvider>().Select(p => p.GetType()));
        Assert.Equal(["sapcrm.partners", "syncgrid.store-b-exports"], host.Services.GetRequiredService<IOptions<KafkaSourceProgressOptions>>().Value.Topics);
        Assert.Null(host.Services.GetService<ISourceCheckpointStore>());
    }

    [Fact]
    public void ApiHost_MariaDb_CheckpointsFromMariaDbEvenWithACheckpointDirectory()
    {
        using var host = Build(new()
        {
            ["ConnectionStrings:MariaDb"] = "Server=127.0.0.1;Port=1;Database=syncgrid;User ID=syncgrid;Password=pw",
            ["Import:CheckpointDirectory"] = _dir,
        });

        Assert.Equal([typeof(ExportCheckpointProgressProvider)], host.Services.GetServices<ISourceProgressProvider>().Select(p => p.GetType()));
        Assert.IsType<MariaDbSourceCheckpointStore>(host.Services.GetRequiredService<ISourceCheckpointStore>());
    }

    [Fact]
    public async Task ExportProvider_SameFileNameTwice_BothRowsNamedApart()
    {
        var store = new InMemorySourceCheckpointStore();
        var t0 = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        var first = new SourceCheckpoint { Source = StoreBExportImporter.CheckpointSource, Identity = new string('c', 64), Name = "partners.json", Records = 5, StartedAt = t0, UpdatedAt = t0 };
        await store.SaveAsync(first);
        await store.SaveAsync(first with { Identity = new string('d', 64), Records = 9, UpdatedAt = t0.AddDays(1) });
        await store.SaveAsync(first with { Source = "other-source", Identity = new string('e', 64), Name = "other.json" });

        var rows = await new ExportCheckpointProgressProvider(store, TimeProvider.System).GetProgressAsync();

        Assert.Equal([("export:partners.json", 9L), ("export:partners.json@cccccccccccc", 5L)], rows.Select(r => (r.Source, r.Processed ?? -1)));
    }

    [Fact]
    public async Task ExportProvider_UnreadableCheckpoint_ARowWithTheErrorInsteadOfThrowing()
    {
        using var store = new FileSourceCheckpointStore(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, $"{StoreBExportImporter.CheckpointSource}.{new string('f', 64)}.json"), "{\"source\":");

        var row = Assert.Single(await new ExportCheckpointProgressProvider(store, TimeProvider.System).GetProgressAsync());

        Assert.Equal((ExportCheckpointProgressProvider.StoreRow, "export-file"), (row.Source, row.Kind));
        Assert.Contains("could not be read", row.LastError, StringComparison.Ordinal);
        Assert.Contains(new string('f', 64), row.LastError, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        settings["Api:Token"] = "wiring-token-0123456789";
        return ApiHosting.Build(null, overrides: settings);
    }
}
