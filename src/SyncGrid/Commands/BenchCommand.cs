using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SyncGrid.Cli.Bench;

namespace SyncGrid.Cli.Commands;

/// <summary><c>syncgrid bench …</c>: throughput measurements whose figures go into reports.</summary>
internal static class BenchCommand
{
    public static Command Build()
    {
        var seconds = new Option<double>("--seconds") { Description = "How long to measure, after one second of warm-up.", DefaultValueFactory = _ => 5 };
        var records = new Option<int>("--records") { Description = "How many distinct raw records to cycle through.", DefaultValueFactory = _ => 20_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the sample data.", DefaultValueFactory = _ => 42 };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var normalize = new Command("normalize", "Raw company records normalised per second on one thread, over a realistic mixed set (30 % bad TINs, messy phones and names).")
        {
            seconds, records, seed, json,
        };
        normalize.SetAction((parse, _) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var result = NormalizeBenchmark.Run(parse.GetValue(records), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(seed));
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(output, result);
                return Task.FromResult(0);
            }

            var table = new Table().AddColumns("figure", "value");
            table.AddRow("company records/s (one thread)", result.RecordsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("ns/record", result.NanosecondsPerRecord.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("bytes allocated/record", result.BytesAllocatedPerRecord.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("CPU s per wall s", result.CpuSecondsPerWallSecond.ToString("N2", CultureInfo.InvariantCulture));
            table.AddRow("records measured", result.Records.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("distinct records", result.DistinctRecords.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("rejected share", result.RejectedShare.ToString("P1", CultureInfo.InvariantCulture));
            table.AddRow("problems/record", result.ProblemsPerRecord.ToString("N2", CultureInfo.InvariantCulture));
            CliOutput.Console(output).Write(table);
            return Task.FromResult(0);
        });

        return new Command("bench", "Throughput benchmarks.") { normalize, BuildGrid(), BuildBitrix24(), RegisterBenchCommand.Build(), ImportBenchCommand.Build(), BuildIngest(), OrdersBenchCommand.Build(), SeedBenchCommand.Build() };
    }

    private static Command BuildGrid()
    {
        var connection = new Option<string?>("--connection") { Description = "MariaDB server connection string (a fresh database is created and dropped). Default: ConnectionStrings__MariaDb, else SYNCGRID_TEST_MARIADB." };
        var companies = new Option<int>("--companies") { Description = "Distinct companies.", DefaultValueFactory = _ => 20_000 };
        var contacts = new Option<double>("--contacts") { Description = "Contacts per company (mean).", DefaultValueFactory = _ => 4 };
        var repeats = new Option<double>("--repeats") { Description = "Share of submissions that are repeats.", DefaultValueFactory = _ => 0.2 };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent submitting callers.", DefaultValueFactory = _ => 256 };
        var seed = new Option<int>("--seed") { Description = "Seed of the sample data.", DefaultValueFactory = _ => 42 };
        var keep = new Option<bool>("--keep") { Description = "Keep the benchmark database." };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var grid = new Command("grid", "Source records/s into persisted grain state: one silo on MariaDB, companies with contacts and repeats, then an unchanged re-run.")
        {
            connection, companies, contacts, repeats, concurrency, seed, keep, json,
        };
        grid.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var server = parse.GetValue(connection)
                ?? Environment.GetEnvironmentVariable("ConnectionStrings__MariaDb")
                ?? Environment.GetEnvironmentVariable("SYNCGRID_TEST_MARIADB");
            if (string.IsNullOrWhiteSpace(server))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("bench grid needs a MariaDB server: pass --connection \"Server=127.0.0.1;User ID=…;Password=…\" or set ConnectionStrings__MariaDb (./deploy/scripts/mariadb.sh starts one on loopback).");
                return 2;
            }

            var settings = new GridBenchSettings(server, parse.GetValue(companies), parse.GetValue(contacts), parse.GetValue(repeats), parse.GetValue(concurrency), parse.GetValue(seed), parse.GetValue(keep));
            var result = await GridBenchmark.RunAsync(settings, parse.GetValue(json) ? TextWriter.Null : output, cancellationToken);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(output, result);
                return 0;
            }

            var table = new Table().AddColumns("figure", "value");
            table.AddRow("source records/s (first ingest)", result.RecordsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("source records", result.Records.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("seconds", result.Seconds.ToString("N2", CultureInfo.InvariantCulture));
            table.AddRow("state writes / record", result.StateWritesPerRecord.ToString("N3", CultureInfo.InvariantCulture));
            table.AddRow("grain states per storage batch", result.StatesPerBatch.ToString("N1", CultureInfo.InvariantCulture));
            table.AddRow("records applied / unchanged", $"{result.RecordsApplied:N0} / {result.RecordsUnchanged:N0}");
            table.AddRow("unchanged re-run: records/s", result.RerunRecordsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("unchanged re-run: state writes", result.RerunStateWrites.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("peak working set (MiB)", result.PeakWorkingSetMiB.ToString("N0", CultureInfo.InvariantCulture));
            CliOutput.Console(output).Write(table);
            return 0;
        });
        return grid;
    }

    private static Command BuildIngest()
    {
        var connection = new Option<string?>("--connection") { Description = "MariaDB server for the grid (a fresh database is created and dropped); default: ConnectionStrings__MariaDb or SYNCGRID_TEST_MARIADB." };
        var scale = new Option<string>("--scale") { Description = "seed (178,000 companies: the real volume), demo (5,000) or a number of companies.", DefaultValueFactory = _ => "seed" };
        var seed = new Option<long>("--seed") { Description = "The generator's seed.", DefaultValueFactory = _ => 42 };
        var partitions = new Option<int>("--partitions") { Description = "Partitions per topic.", DefaultValueFactory = _ => 8 };
        var rows = new Option<int>("--store-a-rows-per-second") { Description = "The replica extractor's pace.", DefaultValueFactory = _ => 50_000 };
        var timeout = new Option<int>("--timeout-minutes") { Description = "Give up after this long.", DefaultValueFactory = _ => 30 };
        var keep = new Option<bool>("--keep") { Description = "Keep the grid database." };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var logLevel = new Option<string>("--log-level") { Description = "The silo's console log level (Warning shows delivery retries and timeouts).", DefaultValueFactory = _ => "Critical" };
        var ingest = new Command("ingest", "End-to-end ingest at volume: generated data through store A's replica extractor, the export importer and SAP events, Kafka and the ingest grains into persisted grain state on MariaDB (register and Bitrix24 excluded).")
        {
            connection, scale, seed, partitions, rows, timeout, keep, json, logLevel,
        };
        ingest.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var server = parse.GetValue(connection)
                ?? Environment.GetEnvironmentVariable("ConnectionStrings__MariaDb")
                ?? Environment.GetEnvironmentVariable("SYNCGRID_TEST_MARIADB");
            if (string.IsNullOrWhiteSpace(server) || !SyncGrid.Generator.GeneratorScale.TryParse(parse.GetValue(scale), out var companies))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("bench ingest needs a MariaDB server (--connection or ConnectionStrings__MariaDb) and a valid --scale (seed, demo or a number).");
                return 2;
            }

            var settings = new IngestBenchSettings(server, companies, parse.GetValue(seed), parse.GetValue(partitions), parse.GetValue(rows), parse.GetValue(timeout), parse.GetValue(keep), parse.GetValue(logLevel) ?? "Critical");
            var last = TimeSpan.Zero;
            var result = await IngestBenchmark.RunAsync(
                settings,
                parse.GetValue(json) ? null : s =>
                {
                    if (s.Elapsed - last >= TimeSpan.FromSeconds(10))
                    {
                        last = s.Elapsed;
                        output.WriteLine($"{s.Elapsed:mm\\:ss} store A {s.StoreA?.Tables.Sum(t => t.RowsPublished) ?? 0:N0} rows, exports {s.ExportsPublished:N0}/{s.ExportsTotal:N0}, events {s.EventsPublished:N0}/{s.EventsTotal:N0}, lag {string.Join(" ", s.LagByTopic.Values)}, companies {s.CompaniesByStatus.Values.Sum():N0}, {s.WorkingSetBytes / 1e6:N0} MB");
                    }
                },
                cancellationToken);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(output, result);
                return 0;
            }

            var table = new Table().AddColumns("figure", "value");
            table.AddRow("companies generated", $"{result.Companies:N0}");
            table.AddRow("Kafka records (store A rows, export partners, events)", $"{result.KafkaRecords:N0}");
            table.AddRow("source records counting contact rows", $"{result.SourceRecordsWithContactRows:N0}");
            table.AddRow("ingest: first publish to everything committed", $"{result.IngestSeconds:N1} s");
            table.AddRow("Kafka records/s into persisted grain state", $"{result.KafkaRecordsPerSecond:N0}");
            table.AddRow("source records/s (contact rows counted)", $"{result.SourceRecordsPerSecond:N0}");
            table.AddRow("companies in the grid / expected valid TINs", $"{result.CompaniesInGrid:N0} / {result.ExpectedCompaniesWithValidTin:N0}");
            table.AddRow("rejects / expected", $"{result.Rejects:N0} / {result.ExpectedRejects:N0}");
            table.AddRow("grain states read / written", $"{result.StatesRead:N0} / {result.StatesWritten:N0} ({(double)result.StatesWritten / result.SourceRecordsWithContactRows:N2} writes per source record)");
            table.AddRow("grain states per storage batch: reads / writes", $"{(double)result.StatesRead / Math.Max(1, result.ReadBatches):N1} / {(double)result.StatesWritten / Math.Max(1, result.WriteBatches):N1}");
            table.AddRow("peak working set", $"{result.PeakWorkingSetMiB:N0} MiB");
            if (result.StoreASkipped is { } skipped)
            {
                table.AddRow("store A", skipped);
            }

            CliOutput.Console(output).Write(table);
            return 0;
        });
        return ingest;
    }

    private static Command BuildBitrix24()
    {
        var companies = new Option<int>("--companies") { Description = "Companies to push.", DefaultValueFactory = _ => 5000 };
        var contacts = new Option<int>("--contacts") { Description = "Contacts per company.", DefaultValueFactory = _ => 2 };
        var burst = new Option<int>("--burst") { Description = "The portal's leaky-bucket burst (50 on ordinary plans, 250 on Enterprise).", DefaultValueFactory = _ => 50 };
        var drain = new Option<double>("--drain") { Description = "The portal's drain, requests/s (2 on ordinary plans, 5 on Enterprise).", DefaultValueFactory = _ => 2 };
        var naive = new Option<double>("--naive-seconds") { Description = "How long to measure the naive one-request-per-entity client; 0 (the default) runs it as long as the gateway took, so both get the same burst allowance.", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var command = new Command("bitrix24", "Companies with contacts through register, grains and the per-portal gateway into the Bitrix24 sandbox at its limits, versus a naive client.")
        {
            companies, contacts, burst, drain, naive, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var settings = new Bitrix24BenchSettings(parse.GetValue(companies), parse.GetValue(contacts), parse.GetValue(burst), parse.GetValue(drain), TimeSpan.FromHours(2), TimeSpan.FromSeconds(parse.GetValue(naive)));
            var result = await Bitrix24Benchmark.RunAsync(settings, parse.GetValue(json) ? TextWriter.Null : output, cancellationToken);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(output, result);
                return 0;
            }

            var table = new Table().AddColumns("figure", "value");
            table.AddRow("companies / contacts pushed", $"{result.PortalCompanies:N0} / {result.PortalContacts:N0} (of {result.Companies:N0} / {result.Contacts:N0})");
            table.AddRow("commands / requests", $"{result.Commands:N0} / {result.Requests:N0}");
            table.AddRow("seconds", result.Seconds.ToString("N1", CultureInfo.InvariantCulture));
            table.AddRow("commands/s", result.CommandsPerSecond.ToString("N1", CultureInfo.InvariantCulture));
            table.AddRow("allowed commands/s", result.AllowedCommandsPerSecond.ToString("N1", CultureInfo.InvariantCulture));
            table.AddRow("ratio to allowed", result.RatioToAllowed.ToString("N3", CultureInfo.InvariantCulture));
            table.AddRow("limit errors (gateway / portal)", $"{result.GatewayLimitErrors} / {result.PortalLimitErrors}");
            table.AddRow("duplicates (origin / values)", $"{result.OriginDuplicates} / {result.MultiFieldDuplicates}");
            table.AddRow("naive commands/s", result.NaiveCommandsPerSecond.ToString("N2", CultureInfo.InvariantCulture));
            table.AddRow("speed-up over naive", result.SpeedUp.ToString("N1", CultureInfo.InvariantCulture) + "x");
            CliOutput.Console(output).Write(table);
            return 0;
        });
        return command;
    }
}
