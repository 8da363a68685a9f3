using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SyncGrid.Cli.Commands;
using SyncGrid.Kafka;
using SyncGrid.Kafka.Mock;
using SyncGrid.Kafka.Producing;
using SyncGrid.Sources.Import;
using SyncGrid.Storage.Checkpoints;

namespace SyncGrid.Cli.Bench;

/// <summary>
/// The store B export importer end to end on one large file: a synthetic export (default 1,100 MB) is imported into
/// the librdkafka mock cluster in this process; the import is killed once half the file is read (a batch reaches
/// Kafka but its checkpoint is never written, the worst moment), then restarted from the checkpoint files as a new
/// importer would be. Reports records/s and MB/s over both runs, the restart's time to its first new acknowledged
/// batch, the records published twice, and memory: the managed heap after collections stays flat, while the working
/// set also holds what the mock broker keeps of the topic.
/// </summary>
internal static class ImportBenchmark
{
    private const string Topic = "syncgrid.store-b-exports";

    public static async Task<ImportBenchResult> RunAsync(ImportBenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("syncgrid-bench-import-").FullName;
        try
        {
            var path = Path.Combine(directory, settings.Gzip ? "export.json.gz" : "export.json");
            log.WriteLine($"writing a synthetic export of {settings.SizeMb:N0} MB to {path} …");
            var export = await SyntheticExport.WriteAsync(path, settings.SizeMb * 1_000_000L, settings.Seed, cancellationToken);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{export.Partners:N0} partners ({export.Contacts:N0} contacts, {export.Repeated:N0} repeated, {export.Malformed:N0} malformed), {export.JsonBytes / 1e6:N0} MB of JSON, file {export.FileBytes / 1e6:N0} MB, written in {export.Seconds:N1} s"));

            using var kafka = new MockKafkaCluster(brokerCount: 1);
            kafka.CreateTopic(Topic, settings.Partitions);
            var checkpoints = Path.Combine(directory, "checkpoints");
            // Frequent progress calls: they sample memory and decide the kill, also on a small file.
            var request = new StoreBImportRequest { Path = path, Topic = Topic, BatchSize = settings.BatchSize, ProgressInterval = TimeSpan.FromMilliseconds(5) };
            var memory = new MemoryWatch();
            memory.Sample();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var collectionsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

            // First run: killed after the batch that crosses half the file reached Kafka, before its checkpoint.
            var killAt = false;
            var first = Stopwatch.StartNew();
            var firstProgress = default(ImportProgress);
            long firstAcked;
            using (var producer = Producer(kafka.BootstrapServers))
            using (var store = new FileSourceCheckpointStore(checkpoints))
            {
                var publisher = new BenchPublisher(new KafkaImportPublisher(producer)) { KillAfterPublish = () => Volatile.Read(ref killAt) };
                var importer = new StoreBExportImporter(publisher, store, TimeProvider.System);
                try
                {
                    await importer.ImportAsync(request, p =>
                    {
                        firstProgress = p;
                        memory.Sample();
                        if (p.Fraction >= 0.5)
                        {
                            Volatile.Write(ref killAt, true);
                        }
                    }, cancellationToken);
                    throw new InvalidOperationException("The first run was to be killed at half the file, but it completed.");
                }
                catch (BenchKillException)
                {
                    firstAcked = publisher.Acknowledged;
                }
            }

            first.Stop();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"killed at {firstProgress!.Fraction:P1} of the file after {first.Elapsed.TotalSeconds:N1} s: {firstAcked:N0} records acknowledged ({firstAcked / first.Elapsed.TotalSeconds:N0} records/s)"));

            // Restart: a new producer, a new store over the same checkpoint files, a new importer.
            var restart = Stopwatch.StartNew();
            ImportSummary resumed;
            BenchPublisher resumedPublisher;
            using (var producer = Producer(kafka.BootstrapServers))
            using (var store = new FileSourceCheckpointStore(checkpoints))
            {
                resumedPublisher = new BenchPublisher(new KafkaImportPublisher(producer)) { Started = restart };
                resumed = await new StoreBExportImporter(resumedPublisher, store, TimeProvider.System).ImportAsync(request, _ => memory.Sample(), cancellationToken);
            }

            restart.Stop();
            memory.Sample();
            var total = firstAcked + resumed.Published;
            var seconds = first.Elapsed.TotalSeconds + restart.Elapsed.TotalSeconds;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"restarted after partner {resumed.ResumedAfter:N0} ({(resumed.Jumped ? "jumped to its offset" : "scanned up to it")}): first new batch acknowledged after {resumed.FirstPublishSeconds * 1000:N0} ms; {resumed.Published:N0} records in {restart.Elapsed.TotalSeconds:N1} s"));
            var process = Process.GetCurrentProcess();
            return new ImportBenchResult(
                FileMegabytes: export.FileBytes / 1e6,
                JsonMegabytes: export.JsonBytes / 1e6,
                Gzip: settings.Gzip,
                Partners: export.Partners,
                Contacts: export.Contacts,
                MalformedPartners: export.Malformed,
                BatchSize: settings.BatchSize,
                Partitions: settings.Partitions,
                RecordsAcknowledged: total,
                RecordsPublishedTwice: total - export.Partners,
                Seconds: seconds,
                RecordsPerSecond: export.Partners / seconds,
                MegabytesPerSecond: export.FileBytes / 1e6 / seconds,
                JsonMegabytesPerSecond: export.JsonBytes / 1e6 / seconds,
                FirstRunRecordsPerSecond: firstAcked / first.Elapsed.TotalSeconds,
                ResumedRunRecordsPerSecond: resumed.RecordsPerSecond,
                KilledAtFraction: firstProgress.Fraction,
                ResumeJumped: resumed.Jumped,
                ResumeToFirstPublishCallMs: resumedPublisher.FirstCall.TotalMilliseconds,
                ResumeToFirstAcknowledgedMs: (resumed.FirstPublishSeconds ?? 0) * 1000,
                PeakWorkingSetMiB: process.PeakWorkingSet64 / (1024.0 * 1024.0),
                PeakManagedHeapMiB: memory.PeakHeapBytes / (1024.0 * 1024.0),
                ManagedHeapAtStartMiB: memory.FirstHeapBytes / (1024.0 * 1024.0),
                ManagedHeapAtEndMiB: memory.LastHeapBytes / (1024.0 * 1024.0),
                AllocatedPerRecordBytes: (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)Math.Max(1, total),
                Gen0Collections: GC.CollectionCount(0) - collectionsBefore.Item1,
                Gen1Collections: GC.CollectionCount(1) - collectionsBefore.Item2,
                Gen2Collections: GC.CollectionCount(2) - collectionsBefore.Item3,
                ServerGc: System.Runtime.GCSettings.IsServerGC,
                ExportWriteSeconds: export.Seconds,
                KeptDirectory: settings.Keep ? directory : null);
        }
        finally
        {
            if (!settings.Keep)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static KafkaRecordProducer Producer(string bootstrapServers)
    {
        var options = new KafkaProducerOptions { BootstrapServers = bootstrapServers, DeliveryTimeout = TimeSpan.FromSeconds(60) };
        // The mock broker keeps every record in this process; compressed batches keep that (and the copy work) small.
        options.ClientSettings["compression.type"] = "lz4";
        return new KafkaRecordProducer(
            Options.Create(options),
            new KafkaMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            NullLogger<KafkaRecordProducer>.Instance);
    }

    /// <summary>Counts acknowledged records, times the first call, and "kills" the importer once told to.</summary>
    private sealed class BenchPublisher(IImportPublisher inner) : IImportPublisher
    {
        private long _acknowledged;

        public Func<bool>? KillAfterPublish { get; init; }

        public Stopwatch? Started { get; init; }

        public TimeSpan FirstCall { get; private set; }

        public long Acknowledged => Interlocked.Read(ref _acknowledged);

        public async Task PublishAsync(string topic, IReadOnlyList<ImportRecord> records, CancellationToken cancellationToken = default)
        {
            if (FirstCall == TimeSpan.Zero && Started is not null)
            {
                FirstCall = Started.Elapsed;
            }

            await inner.PublishAsync(topic, records, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _acknowledged, records.Count);
            if (KillAfterPublish?.Invoke() == true)
            {
                throw new BenchKillException();
            }
        }
    }

    /// <summary>The benchmark's stand-in for a killed process: thrown after a batch reached Kafka, before its checkpoint.</summary>
    private sealed class BenchKillException : Exception
    {
        public BenchKillException()
            : base("Killed by the benchmark.")
        {
        }
    }

    /// <summary>Samples the managed heap as the last collection left it (live data plus fragmentation, not garbage).</summary>
    private sealed class MemoryWatch
    {
        private long _lastGc = -1;

        public long FirstHeapBytes { get; private set; } = -1;

        public long PeakHeapBytes { get; private set; }

        public long LastHeapBytes { get; private set; }

        public void Sample()
        {
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            if (info.Index == _lastGc)
            {
                return;
            }

            _lastGc = info.Index;
            var heap = info.HeapSizeBytes - info.FragmentedBytes;
            FirstHeapBytes = FirstHeapBytes < 0 ? heap : FirstHeapBytes;
            PeakHeapBytes = Math.Max(PeakHeapBytes, heap);
            LastHeapBytes = heap;
        }
    }
}

/// <summary>Settings of <see cref="ImportBenchmark"/>.</summary>
internal sealed record ImportBenchSettings(int SizeMb, bool Keep, bool Gzip, int BatchSize, int Partitions, int Seed);

/// <summary>Figures of <see cref="ImportBenchmark"/>.</summary>
internal sealed record ImportBenchResult(
    double FileMegabytes,
    double JsonMegabytes,
    bool Gzip,
    long Partners,
    long Contacts,
    long MalformedPartners,
    int BatchSize,
    int Partitions,
    long RecordsAcknowledged,
    long RecordsPublishedTwice,
    double Seconds,
    double RecordsPerSecond,
    double MegabytesPerSecond,
    double JsonMegabytesPerSecond,
    double FirstRunRecordsPerSecond,
    double ResumedRunRecordsPerSecond,
    double KilledAtFraction,
    bool ResumeJumped,
    double ResumeToFirstPublishCallMs,
    double ResumeToFirstAcknowledgedMs,
    double PeakWorkingSetMiB,
    double PeakManagedHeapMiB,
    double ManagedHeapAtStartMiB,
    double ManagedHeapAtEndMiB,
    double AllocatedPerRecordBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    bool ServerGc,
    double ExportWriteSeconds,
    string? KeptDirectory);
