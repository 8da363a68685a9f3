using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Orleans.Storage;
using SyncGrid.Abstractions;
using SyncGrid.Cli.Hosting;
using SyncGrid.Grains;
using SyncGrid.Storage.GrainState;
using SyncGrid.Storage.Schema;

namespace SyncGrid.Cli.Bench;

/// <summary>
/// Source records per second into persisted grain state: one silo on MariaDB (batched grain storage and read model),
/// a realistic mix of companies with contacts and repeats submitted by many concurrent callers, then the same input
/// again, which must write nothing.
/// </summary>
internal static class GridBenchmark
{
    public static async Task<GridBenchResult> RunAsync(GridBenchSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var server = new MySqlConnectionStringBuilder(settings.ServerConnectionString);
        var database = $"syncgrid_bench_{Guid.NewGuid():N}"[..28];
        server.Database = database;
        var connectionString = server.ConnectionString;
        await SchemaMigrator.MigrateAsync(connectionString, cancellationToken: cancellationToken);
        try
        {
            var (distinct, stream) = new GridSample(settings.Seed).Build(settings.Companies, settings.ContactsPerCompany, settings.RepeatShare);
            var records = stream.Sum(s => s.RecordCount);
            progress.WriteLine($"{distinct.Count:N0} companies, {stream.Count:N0} submissions with {records:N0} source records (repeats {settings.RepeatShare:P0}); database {database}");

            using var host = SiloHost.Build(null, overrides: new Dictionary<string, string?>
            {
                ["ConnectionStrings:MariaDb"] = connectionString,
                ["Grid:ClusterId"] = database,
                ["Grid:SiloPort"] = LoopbackPorts.Free(),
                ["Grid:GatewayPort"] = LoopbackPorts.Free(),
                ["Logging:LogLevel:Default"] = "Warning",
            });
            await host.StartAsync(cancellationToken);
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var storage = (MariaDbGrainStorage)host.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Grid);

            var first = await PassAsync(grains, stream, settings.Concurrency, cancellationToken);
            var (states, batches) = storage.WriteStatistics;
            progress.WriteLine($"first pass: {first.Records / first.Seconds:N0} records/s, {first.Result.StateWrites:N0} state writes in {batches:N0} batches");
            var again = await PassAsync(grains, distinct, settings.Concurrency, cancellationToken);
            progress.WriteLine($"unchanged re-run: {again.Result.StateWrites:N0} state writes");
            await host.StopAsync(cancellationToken);

            return new GridBenchResult(
                Companies: distinct.Count,
                Submissions: stream.Count,
                Records: first.Records,
                Seconds: first.Seconds,
                RecordsPerSecond: first.Records / first.Seconds,
                StateWrites: first.Result.StateWrites,
                StateWritesPerRecord: (double)first.Result.StateWrites / first.Records,
                StorageBatches: batches,
                StatesPerBatch: batches == 0 ? 0 : (double)states / batches,
                RecordsApplied: first.Result.RecordsApplied,
                RecordsUnchanged: first.Result.RecordsUnchanged,
                RerunRecordsPerSecond: again.Records / again.Seconds,
                RerunStateWrites: again.Result.StateWrites,
                PeakWorkingSetMiB: Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),
                Concurrency: settings.Concurrency);
        }
        finally
        {
            if (!settings.KeepDatabase)
            {
                await DropAsync(settings.ServerConnectionString, database);
            }
        }
    }

    private static async Task<(int Records, double Seconds, SubmitResult Result)> PassAsync(IGrainFactory grains, List<CompanySubmission> submissions, int concurrency, CancellationToken cancellationToken)
    {
        var total = SubmitResult.None;
        var gate = new Lock();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(submissions, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (submission, ct) =>
        {
            var tin = submission.Companies.Count > 0 ? submission.Companies[0].Tin : submission.Contacts[0].CompanyTin;
            var result = await grains.GetGrain<ICompanyGrain>(tin.Value).SubmitAsync(submission, ct);
            lock (gate)
            {
                total = total.Add(result);
            }
        });
        return (submissions.Sum(s => s.RecordCount), watch.Elapsed.TotalSeconds, total);
    }

    /// <summary>Drops a benchmark's database (pools cleared first, so no pooled connection holds it).</summary>
    internal static async Task DropAsync(string serverConnectionString, string database)
    {
        MySqlConnection.ClearAllPools();
        await using var connection = new MySqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{database}`", connection);
        await command.ExecuteNonQueryAsync();
    }

}

/// <summary>Settings of <c>bench grid</c>.</summary>
internal sealed record GridBenchSettings(string ServerConnectionString, int Companies, double ContactsPerCompany, double RepeatShare, int Concurrency, int Seed, bool KeepDatabase);

/// <summary>The figures of one <c>bench grid</c> run.</summary>
internal sealed record GridBenchResult(
    int Companies,
    int Submissions,
    int Records,
    double Seconds,
    double RecordsPerSecond,
    int StateWrites,
    double StateWritesPerRecord,
    long StorageBatches,
    double StatesPerBatch,
    int RecordsApplied,
    int RecordsUnchanged,
    double RerunRecordsPerSecond,
    int RerunStateWrites,
    double PeakWorkingSetMiB,
    int Concurrency);
