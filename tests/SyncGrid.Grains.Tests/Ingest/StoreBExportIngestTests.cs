using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Domain.Records;
using SyncGrid.Grains.Ingest;
using SyncGrid.Kafka.Mock;
using SyncGrid.Sources;
using SyncGrid.Sources.Import;
using SyncGrid.Storage.Checkpoints;
using SyncGrid.Storage.Rejects;

namespace SyncGrid.Grains.Tests.Ingest;

/// <summary>
/// An export imported into the exports topic reaches the partner ingest grains (the same grains, and the same last-TIN
/// state, as the partner's SAP events), and its malformed partners reach the rejects store with their file position.
/// </summary>
public sealed class StoreBExportIngestTests : IAsyncLifetime, IDisposable
{
    private readonly MockKafkaCluster _kafka = new(3);
    private readonly InMemoryRejectStore _rejects = new(TimeProvider.System);
    private readonly string _dir = Directory.CreateTempSubdirectory("syncgrid-export-ingest-").FullName;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _kafka.CreateTopic(StoreBStreams.Namespace, 4);
        _kafka.CreateTopic(StoreBStreams.ExportsNamespace, 4);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSyncGridMemoryGrainStorage(GrainStorageNames.Grid);
            silo.AddSyncGridGrains();
            silo.Services.AddSyncGridInMemoryReadModel();
            silo.Services.AddSingleton<IRejectStore>(_rejects);
            silo.AddSyncGridKafkaStreams(StoreBStreams.Provider, o =>
            {
                o.BootstrapServers = _kafka.BootstrapServers;
                o.Topics.Add(StoreBStreams.Namespace);
                o.Topics.Add(StoreBStreams.ExportsTopic(null));
                o.ConsumerGroupId = "export-ingest-tests";
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    public void Dispose()
    {
        _kafka.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ImportedExport_PartnersReachTheirCompanies_MalformedOnesAreRejectedWithTheirFilePosition()
    {
        var tins = Enumerable.Range(0, 30).Select(_ => Sample.NewTin()).ToList();
        var movedFrom = Sample.NewTin();
        var moved = "moved-" + movedFrom;
        var keptTin = Sample.NewTin();
        var staleTin = Sample.NewTin();
        var kept = "kept-" + keptTin;
        var partners = tins.Select(t => ExportFiles.Partner("e-" + t, t)).ToList();
        partners.Insert(5, "[1,2]");
        partners.Insert(9, "{\"name\":\"no id\",\"taxNumbers\":{\"inn\":\"7707083893\"}}");
        partners.Insert(12, ExportFiles.Partner("bad-tin-" + tins[0], "1234567890"));
        partners.Add(ExportFiles.Partner("e-" + tins[3], tins[3]));
        partners.Add(ExportFiles.Partner(moved, tins[7]));
        // Its bad e-mail leaves a reject, the signal that the grain has handled this (not routed) picture.
        partners.Add(ExportFiles.Partner(kept, staleTin).Replace($"ivanov@{kept}.example.ru", "ivanov-at-example", StringComparison.Ordinal));
        var path = await ExportFiles.WriteAsync(Path.Combine(_dir, "export.json"), partners);
        var items = await ReadItemsAsync(path);

        // Two partners' SAP events came first, under other TINs, in the same grains: one older than the export (the
        // export moves it), one newer (the export's older picture must not move it back).
        using (var events = new TestImportPublisher(_kafka.BootstrapServers))
        {
            await events.PublishAsync(StoreBStreams.Namespace, [
                new ImportRecord(moved, SapEvent(moved, movedFrom, "2026-09-01T09:00:00Z")),
                new ImportRecord(kept, SapEvent(kept, keptTin, "2026-10-01T09:00:00Z"))]);
        }

        await WaitAsync(async () => await _cluster.Client.GetGrain<IPartnerIngestGrain>(moved).GetLastTinAsync() == movedFrom, $"the SAP event of {moved}");
        await WaitAsync(async () => await _cluster.Client.GetGrain<IPartnerIngestGrain>(kept).GetLastTinAsync() == keptTin, $"the SAP event of {kept}");

        using var publisher = new TestImportPublisher(_kafka.BootstrapServers);
        var summary = await new StoreBExportImporter(publisher, new InMemorySourceCheckpointStore(), TimeProvider.System)
            .ImportAsync(new StoreBImportRequest { Path = path, BatchSize = 8 });
        Assert.Equal((ImportOutcome.Completed, (long)partners.Count, 2L), (summary.Outcome, summary.Published, summary.Rejected));

        foreach (var tin in tins)
        {
            await WaitAsync(async () => (await _cluster.Client.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync()).Merged is not null, $"company {tin}");
        }

        await WaitAsync(async () => await _cluster.Client.GetGrain<IPartnerIngestGrain>(moved).GetLastTinAsync() == tins[7], $"{moved} moving to {tins[7]}");
        Assert.Null((await _cluster.Client.GetGrain<ICompanyGrain>(movedFrom).GetSyncStateAsync()).Merged);
        await AssertRejectedAsync(kept + "/C1", items[^1], "email", "email.invalid", "ivanov-at-example");
        Assert.Equal(keptTin, await _cluster.Client.GetGrain<IPartnerIngestGrain>(kept).GetLastTinAsync());
        Assert.NotNull((await _cluster.Client.GetGrain<ICompanyGrain>(keptTin).GetSyncStateAsync()).Merged);
        Assert.Null((await _cluster.Client.GetGrain<ICompanyGrain>(staleTin).GetSyncStateAsync()).Merged);
        var company = await _cluster.Client.GetGrain<ICompanyGrain>(tins[3]).GetSyncStateAsync();
        Assert.Equal(["store-b:e-" + tins[3]], company.Sources.Select(s => s.Key.ToString()));
        Assert.Equal(2, company.Contacts.Count);

        await AssertRejectedAsync("export.json#partners[5]", items[5], "partner", SapRejectCodes.JsonShape, "[1,2]");
        await AssertRejectedAsync("export.json#partners[9]", items[9], "partner", SapRejectCodes.PartnerIdMissing, partners[9]);
        await AssertRejectedAsync("bad-tin-" + tins[0], items[12], "inn", "tin.checksum", "1234567890");
    }

    [Fact]
    public async Task ExportsTopic_RecordThatIsNoEnvelope_IsRejectedWithItsKafkaPosition()
    {
        using var publisher = new TestImportPublisher(_kafka.BootstrapServers);
        await publisher.PublishAsync(StoreBStreams.ExportsNamespace, [new ImportRecord("stray", Encoding.UTF8.GetBytes("{\"hello\":1}"))]);

        await WaitAsync(async () => (await _rejects.QueryAsync(new RejectQuery(SourceStore.StoreB, null, "stray"))).Count == 1, "the stray record's reject");
        var row = Assert.Single(await _rejects.QueryAsync(new RejectQuery(SourceStore.StoreB, null, "stray")));
        Assert.Equal(StoreBExportEnvelope.MalformedCode, row.Entry.ReasonCode);
        Assert.StartsWith(StoreBStreams.ExportsNamespace + "/stray@", row.Entry.SourcePosition, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, StoreBStreams.ExportsNamespace)]
    [InlineData("prod.syncgrid.store-b-exports", "prod.syncgrid.store-b-exports")]
    public void ExportsTopic_NameContainingTheNamespace_IsAccepted(string? configured, string expected) =>
        Assert.Equal(expected, StoreBStreams.ExportsTopic(configured));

    [Fact]
    public void ExportsTopic_NameTheGrainsWouldNotRead_StopsStartUpNamingTheSetting()
    {
        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => StoreBStreams.ExportsTopic("partner-exports"));
        Assert.Contains(StoreBStreams.ExportsTopicSetting, ex.Message, StringComparison.Ordinal);
    }

    private async Task AssertRejectedAsync(string sourceId, StoreBExportItem item, string field, string code, string raw)
    {
        await WaitAsync(async () => (await _rejects.QueryAsync(new RejectQuery(SourceStore.StoreB, code, sourceId))).Count > 0, $"the reject of {sourceId}");
        var entry = Assert.Single(await _rejects.QueryAsync(new RejectQuery(SourceStore.StoreB, code, sourceId))).Entry;
        Assert.Equal((field, raw, $"export.json#partners[{item.Index}]@{item.ByteOffset}"), (entry.Field, entry.RawValue, entry.SourcePosition));
    }

    private static async Task<List<StoreBExportItem>> ReadItemsAsync(string path)
    {
        var items = new List<StoreBExportItem>();
        await foreach (var item in new StoreBExportReader(new StoreBExportOptions { SourceName = Path.GetFileName(path) }).ReadFileAsync(path, DateTimeOffset.MinValue))
        {
            items.Add(item);
        }

        return items;
    }

    private static byte[] SapEvent(string partner, string tin, string occurredAt) => Encoding.UTF8.GetBytes(
        "{\"eventId\":\"" + partner + "\",\"eventType\":\"PartnerChanged\",\"occurredAt\":\"" + occurredAt + "\","
        + "\"partner\":{\"partnerId\":\"" + partner + "\",\"category\":\"ORGANIZATION\",\"name\":\"ООО Ромашка\",\"taxNumbers\":{\"inn\":\"" + tin + "\"}}}");

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{what}: not done within 60 s");
            await Task.Delay(50);
        }
    }
}
