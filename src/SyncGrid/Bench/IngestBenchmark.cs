using System.Diagnostics;
using MySqlConnector;
using SyncGrid.Cli.Demo;
using SyncGrid.Storage.Schema;

namespace SyncGrid.Cli.Bench;

/// <summary>
/// End-to-end ingest at volume: generated data fed through all three extractors (store A's replica coordinator, the
/// export importer, SAP events on their topic), through the Kafka stream provider and the ingest grains into persisted
/// grain state on MariaDB, register and Bitrix24 left out. Converged when every source is read and every topic's
/// committed offset has reached its end, which the provider only commits once the grains have acknowledged.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<IngestBenchResult> RunAsync(IngestBenchSettings settings, Action<PipelineSnapshot>? progress, CancellationToken cancellationToken)
    {
        var server = new MySqlConnectionStringBuilder(settings.ServerConnectionString);
        var database = $"syncgrid_ingest_{Guid.NewGuid():N}"[..30];
        server.Database = database;
        server.MaximumPoolSize = 40;
        await SchemaMigrator.MigrateAsync(server.ConnectionString, cancellationToken: cancellationToken);
        try
        {
            using var storage = new StorageTally();
            await using var run = new PipelineRun(new PipelineOptions
            {
                Companies = settings.Companies,
                Seed = settings.Seed,
                GridConnectionString = server.ConnectionString,
                Sync = false,
                Partitions = settings.Partitions,
                StoreARowsPerSecond = settings.StoreARowsPerSecond,
                Timeout = TimeSpan.FromMinutes(settings.TimeoutMinutes),
                LogLevel = settings.LogLevel,
            });
            var report = await run.RunAsync(progress, cancellationToken);
            var expected = report.Generated.Expected;
            var raw = (long)expected.Raw.StoreA.CompanyRows + expected.Raw.StoreA.ContactRows + report.Final.ExportsPublished + report.Final.EventsPublished;
            var withContacts = (long)expected.Raw.StoreA.CompanyRows + expected.Raw.StoreA.ContactRows + expected.Raw.StoreB.Partners + expected.Raw.StoreB.ContactRows + report.Final.EventsPublished;
            var seconds = report.Stages["ingest"].TotalSeconds;
            var (read, readBatches) = storage.Reads;
            var (written, writeBatches) = storage.Writes;
            return new IngestBenchResult(
                Companies: settings.Companies,
                KafkaRecords: raw,
                SourceRecordsWithContactRows: withContacts,
                IngestSeconds: seconds,
                KafkaRecordsPerSecond: raw / seconds,
                SourceRecordsPerSecond: withContacts / seconds,
                GenerateSeconds: report.Stages["generate"].TotalSeconds,
                CompaniesInGrid: report.Final.CompaniesByStatus.Values.Sum(),
                ExpectedCompaniesWithValidTin: expected.Companies.ValidTins,
                Rejects: report.Final.RejectsByReason.Values.Sum(),
                ExpectedRejects: expected.Rejects.Total,
                PeakWorkingSetMiB: Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),
                StoreASkipped: report.StoreASkipped,
                StatesRead: read,
                ReadBatches: readBatches,
                StatesWritten: written,
                WriteBatches: writeBatches);
        }
        finally
        {
            if (!settings.KeepDatabase)
            {
                await GridBenchmark.DropAsync(settings.ServerConnectionString, database);
            }
        }
    }
}

/// <summary>Settings of <c>bench ingest</c>.</summary>
internal sealed record IngestBenchSettings(string ServerConnectionString, int Companies, long Seed, int Partitions, int StoreARowsPerSecond, int TimeoutMinutes, bool KeepDatabase, string LogLevel = "Critical");

/// <summary>What <c>bench ingest</c> measured.</summary>
internal sealed record IngestBenchResult(
    int Companies,
    long KafkaRecords,
    long SourceRecordsWithContactRows,
    double IngestSeconds,
    double KafkaRecordsPerSecond,
    double SourceRecordsPerSecond,
    double GenerateSeconds,
    long CompaniesInGrid,
    long ExpectedCompaniesWithValidTin,
    long Rejects,
    long ExpectedRejects,
    double PeakWorkingSetMiB,
    string? StoreASkipped,
    long StatesRead,
    long ReadBatches,
    long StatesWritten,
    long WriteBatches);
