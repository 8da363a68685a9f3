using System.Text;
using SyncGrid.Domain.Text;
using SyncGrid.Kafka.Mock;
using SyncGrid.Sources;
using SyncGrid.Sources.Import;
using SyncGrid.Storage.Checkpoints;

namespace SyncGrid.Grains.Tests.Ingest;

/// <summary>The export importer against the mock Kafka cluster: complete, resumable, at most one batch published twice.</summary>
public sealed class StoreBExportImporterTests : IDisposable
{
    private const int Partitions = 4;
    private const int Batch = 100;
    private readonly MockKafkaCluster _kafka = new(3);
    private readonly string _dir = Directory.CreateTempSubdirectory("syncgrid-import-").FullName;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private int _topics;

    public void Dispose()
    {
        _timeout.Dispose();
        _kafka.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>2,500 partners: valid ones, some repeated verbatim, and a malformed one every 97th.</summary>
    private static List<string> Partners(int count = 2500) =>
        [.. Enumerable.Range(0, count).Select(i => i switch
        {
            _ when i % 97 == 50 => i % 2 == 0 ? "[1,2]" : "{\"name\":\"no id " + i + "\"}",
            _ when i % 50 == 49 => ExportFiles.Partner("p" + (i - 7), Tin(i - 7)),
            _ => ExportFiles.Partner("p" + i, Tin(i)),
        })];

    private static string Tin(int i) => (7_700_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string NewTopic()
    {
        var topic = $"syncgrid.store-b-exports.t{Interlocked.Increment(ref _topics)}";
        _kafka.CreateTopic(topic, Partitions);
        return topic;
    }

    private static StoreBImportRequest Request(string path, string topic, Encoding? encoding = null) =>
        new() { Path = path, Topic = topic, BatchSize = Batch, Encoding = encoding ?? Encoding.UTF8, BufferSize = 16 << 10 };

    private static StoreBExportImporter Importer(IImportPublisher publisher, ISourceCheckpointStore checkpoints) =>
        new(publisher, checkpoints, TimeProvider.System);

    [Fact]
    public async Task ImportAsync_FileWithDuplicatesAndMalformedPartners_PublishesEveryPartnerOnceKeyedByPartnerId()
    {
        var partners = Partners();
        var path = await ExportFiles.WriteAsync(Path.Combine(_dir, "export.json"), partners);
        var topic = NewTopic();
        using var publisher = new TestImportPublisher(_kafka.BootstrapServers);
        var checkpoints = new InMemorySourceCheckpointStore();
        var seen = new List<ImportProgress>();

        var summary = await Importer(publisher, checkpoints).ImportAsync(Request(path, topic) with { ProgressInterval = TimeSpan.Zero }, seen.Add, _timeout.Token);

        var records = TopicContents.ReadAll(_kafka.BootstrapServers, topic, Partitions);
        Assert.Equal(ImportOutcome.Completed, summary.Outcome);
        Assert.Equal(partners.Count, summary.Published);
        Assert.Equal(Enumerable.Range(0, partners.Count).Select(i => (long)i), TopicContents.Indexes(records).Order());
        var malformed = Enumerable.Range(0, partners.Count).Count(i => i % 97 == 50);
        Assert.Equal(malformed, summary.Rejected);
        Assert.Equal(partners.Count / Batch, summary.Batches);

        // Valid partners are keyed by their id (a repeated partner twice under the same key), malformed ones by position.
        var byKey = records.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, byKey["p42"]);
        Assert.Equal(1, byKey["export.json#partners[50]"]);
        var rejected = StoreBExportEnvelope.Read(records.Single(r => r.Key == "export.json#partners[50]").Value, "t");
        Assert.Equal(SapRejectCodes.JsonShape, Assert.IsType<Rejected>(rejected.Result).Code);
        Assert.Equal("[1,2]", rejected.Raw);

        var checkpoint = await checkpoints.GetAsync(StoreBExportImporter.CheckpointSource, summary.FileId);
        Assert.Equal((partners.Count - 1L, (long)partners.Count, (long)malformed), (checkpoint!.LastIndex, checkpoint.Records, checkpoint.Rejected));
        Assert.NotNull(checkpoint.CompletedAt);
        Assert.True(seen.Count > 10, $"expected progress snapshots, got {seen.Count}");
        Assert.Equal(new FileInfo(path).Length, seen[^1].FilePosition);
        Assert.Equal(1.0, seen[^1].Fraction);
    }

    [Fact]
    public async Task ImportAsync_CancelledMidFile_ResumesAfterTheCheckpointAndEveryPartnerIsOnTheTopic()
    {
        var partners = Partners();
        var path = await ExportFiles.WriteAsync(Path.Combine(_dir, "cancelled.json"), partners);
        var topic = NewTopic();
        var checkpointDir = Path.Combine(_dir, "checkpoints");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token);
        using (var publisher = new TestImportPublisher(_kafka.BootstrapServers) { Before = batch => { if (batch == 7) { cancel.Cancel(); } } })
        using (var checkpoints = new FileSourceCheckpointStore(checkpointDir))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Importer(publisher, checkpoints).ImportAsync(Request(path, topic), cancellationToken: cancel.Token));
        }

        // A new process: new publisher, new store instance over the same directory.
        using var resumedPublisher = new TestImportPublisher(_kafka.BootstrapServers);
        using var resumedCheckpoints = new FileSourceCheckpointStore(checkpointDir);
        var before = TopicContents.ReadAll(_kafka.BootstrapServers, topic, Partitions).Count;
        var summary = await Importer(resumedPublisher, resumedCheckpoints).ImportAsync(Request(path, topic), cancellationToken: _timeout.Token);

        Assert.Equal(7 * Batch, before);
        Assert.Equal(7 * Batch - 1, summary.ResumedAfter);
        Assert.True(summary.Jumped, "a plain UTF-8 file resumes by jumping to the checkpoint's offset");
        AssertCompleteWithAtMostOneBatchRepeated(topic, partners.Count);
    }

    [Fact]
    public async Task ImportAsync_KilledAfterABatchReachedKafkaButBeforeItsCheckpoint_RepublishesAtMostThatBatch()
    {
        var partners = Partners();
        var path = await ExportFiles.WriteAsync(Path.Combine(_dir, "killed.json"), partners);
        var topic = NewTopic();
        var checkpointDir = Path.Combine(_dir, "killed-checkpoints");
        using (var publisher = new TestImportPublisher(_kafka.BootstrapServers) { After = batch => { if (batch == 9) { throw new IOException("killed"); } } })
        using (var checkpoints = new FileSourceCheckpointStore(checkpointDir))
        {
            var killed = await Assert.ThrowsAsync<IOException>(() => Importer(publisher, checkpoints).ImportAsync(Request(path, topic), cancellationToken: _timeout.Token));
            Assert.Equal("killed", killed.Message);
            Assert.Equal(8 * Batch - 1, (await checkpoints.GetAsync(StoreBExportImporter.CheckpointSource, (await ExportFileIdentity.ComputeAsync(path)).Id))!.LastIndex);
        }

        using var resumedPublisher = new TestImportPublisher(_kafka.BootstrapServers);
        using var resumedCheckpoints = new FileSourceCheckpointStore(checkpointDir);
        var summary = await Importer(resumedPublisher, resumedCheckpoints).ImportAsync(Request(path, topic), cancellationToken: _timeout.Token);

        Assert.Equal(8 * Batch - 1, summary.ResumedAfter);
        Assert.Equal(partners.Count - (8 * Batch), summary.Published);
        var repeated = AssertCompleteWithAtMostOneBatchRepeated(topic, partners.Count);
        Assert.Equal(Batch, repeated);
    }

    [Theory]
    [InlineData("old-export.json", true)]
    [InlineData("old-export.json.gz", true)]
    [InlineData("export.json.gz", false)]
    public async Task ImportAsync_GzipAndWindows1251_KilledThenResumedByScanning_PartnersArriveDecoded(string name, bool windows1251)
    {
        var encoding = windows1251 ? SourceText.Windows1251 : new UTF8Encoding(false);
        var partners = Enumerable.Range(0, 1000).Select(i => ExportFiles.Partner("p" + i, Tin(i), "ЗАО «Вектор» ёЁ")).ToList();
        var path = await ExportFiles.WriteAsync(Path.Combine(_dir, name), partners, encoding);
        var topic = NewTopic();
        var checkpoints = new InMemorySourceCheckpointStore();
        using (var publisher = new TestImportPublisher(_kafka.BootstrapServers) { Before = batch => { if (batch == 4) { throw new IOException("killed"); } } })
        {
            await Assert.ThrowsAsync<IOException>(() => Importer(publisher, checkpoints).ImportAsync(Request(path, topic, encoding), cancellationToken: _timeout.Token));
        }

        using var resumed = new TestImportPublisher(_kafka.BootstrapServers);
        var summary = await Importer(resumed, checkpoints).ImportAsync(Request(path, topic, encoding), cancellationToken: _timeout.Token);

        Assert.Equal((ImportOutcome.Completed, 3L * Batch - 1, false), (summary.Outcome, summary.ResumedAfter!.Value, summary.Jumped));
        AssertCompleteWithAtMostOneBatchRepeated(topic, partners.Count);
        var names = TopicContents.ReadAll(_kafka.BootstrapServers, topic, Partitions)
            .Select(r => Assert.IsType<PartnerChanged>(StoreBExportEnvelope.Read(r.Value, "t").Result).Company.Name)
            .ToHashSet();
        Assert.Contains("ЗАО «Вектор» ёЁ p999", names);
        Assert.Equal(partners.Count, names.Count);
    }

    [Fact]
    public async Task ImportAsync_CompletedFileAgain_PublishesNothingUnlessRestarted()
    {
        var path = await ExportFiles.WriteAsync(Path.Combine(_dir, "again.json"), Partners(300));
        var topic = NewTopic();
        using var publisher = new TestImportPublisher(_kafka.BootstrapServers);
        var checkpoints = new InMemorySourceCheckpointStore();
        var importer = Importer(publisher, checkpoints);
        await importer.ImportAsync(Request(path, topic), cancellationToken: _timeout.Token);
        var calls = publisher.Calls;

        var again = await importer.ImportAsync(Request(path, topic), cancellationToken: _timeout.Token);
        Assert.Equal((ImportOutcome.AlreadyCompleted, 0L, calls), (again.Outcome, again.Published, publisher.Calls));

        var restarted = await importer.ImportAsync(Request(path, topic) with { Restart = true }, cancellationToken: _timeout.Token);
        Assert.Equal((ImportOutcome.Completed, 300L, (long?)null), (restarted.Outcome, restarted.Published, restarted.ResumedAfter));
        Assert.Equal(600, TopicContents.ReadAll(_kafka.BootstrapServers, topic, Partitions).Count);
    }

    [Fact]
    public async Task ImportAsync_TruncatedFile_PublishesEverythingBeforeTheBreakAndTheBreakAsARejection()
    {
        var path = Path.Combine(_dir, "truncated.json");
        await ExportFiles.WriteAsync(path, Partners(250));
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..^300]);
        var topic = NewTopic();
        using var publisher = new TestImportPublisher(_kafka.BootstrapServers);

        var summary = await Importer(publisher, new InMemorySourceCheckpointStore()).ImportAsync(Request(path, topic), cancellationToken: _timeout.Token);

        Assert.Equal(ImportOutcome.Broken, summary.Outcome);
        Assert.Contains("truncated", summary.Error, StringComparison.Ordinal);
        var records = TopicContents.ReadAll(_kafka.BootstrapServers, topic, Partitions);
        var last = records.Select(r => StoreBExportEnvelope.Read(r.Value, "t")).Where(m => m.Result is Rejected { Code: SapRejectCodes.JsonMalformed }).ToList();
        Assert.Contains(last, m => m.Result.Position.StartsWith($"truncated.json#partners[{summary.LastIndex}]@", StringComparison.Ordinal));
        Assert.Equal(summary.LastIndex + 1, records.Count);
    }

    [Fact]
    public async Task ImportAsync_PublisherFailsOnTheFirstBatch_NoCheckpointAndTheErrorSurfaces()
    {
        var path = await ExportFiles.WriteAsync(Path.Combine(_dir, "down.json"), Partners(500));
        var checkpoints = new InMemorySourceCheckpointStore();
        using var publisher = new TestImportPublisher(_kafka.BootstrapServers) { Before = _ => throw new IOException("broker down") };

        await Assert.ThrowsAsync<IOException>(() => Importer(publisher, checkpoints).ImportAsync(Request(path, NewTopic()), cancellationToken: _timeout.Token));

        Assert.Null(await checkpoints.GetAsync(StoreBExportImporter.CheckpointSource, (await ExportFileIdentity.ComputeAsync(path)).Id));
    }

    /// <summary>Asserts every partner index is on the topic and returns how many records are repeats (at most one batch).</summary>
    private int AssertCompleteWithAtMostOneBatchRepeated(string topic, int partners)
    {
        var indexes = TopicContents.Indexes(TopicContents.ReadAll(_kafka.BootstrapServers, topic, Partitions));
        Assert.Equal(Enumerable.Range(0, partners).Select(i => (long)i), indexes.Distinct().Order());
        var repeated = indexes.Count - partners;
        Assert.True(repeated <= Batch, $"{repeated} records were published twice; at most one batch ({Batch}) may be");
        return repeated;
    }
}
