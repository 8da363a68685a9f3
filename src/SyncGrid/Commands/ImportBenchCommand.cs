using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SyncGrid.Cli.Bench;

namespace SyncGrid.Cli.Commands;

/// <summary><c>syncgrid bench import</c>: the export importer on a synthetic file of a gigabyte or more, killed at half and resumed.</summary>
internal static class ImportBenchCommand
{
    public static Command Build()
    {
        var size = new Option<int>("--size-mb") { Description = "Size of the synthetic export's JSON in MB (10^6 bytes).", DefaultValueFactory = _ => 1100 };
        var keep = new Option<bool>("--keep") { Description = "Keep the synthetic export and its checkpoint files (the directory is printed)." };
        var gzip = new Option<bool>("--gzip") { Description = "Write and import a .json.gz export instead of plain JSON." };
        var batch = new Option<int>("--batch") { Description = "Records per published batch.", DefaultValueFactory = _ => 1000 };
        var partitions = new Option<int>("--partitions") { Description = "Partitions of the exports topic on the mock cluster.", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic export.", DefaultValueFactory = _ => 42 };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var command = new Command("import", "Import a synthetic store B export (default 1,100 MB) into the mock Kafka cluster: records/s, MB/s, memory, and the resume after a kill at half the file.")
        {
            size, keep, gzip, batch, partitions, seed, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var settings = new ImportBenchSettings(parse.GetValue(size), parse.GetValue(keep), parse.GetValue(gzip), parse.GetValue(batch), parse.GetValue(partitions), parse.GetValue(seed));
            if (settings.SizeMb < 1 || settings.BatchSize < 1 || settings.Partitions < 1)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("--size-mb, --batch and --partitions must be at least 1.");
                return 2;
            }

            var result = await ImportBenchmark.RunAsync(settings, parse.GetValue(json) ? TextWriter.Null : output, cancellationToken);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(output, result);
                return 0;
            }

            var table = new Table().AddColumns("figure", "value");
            table.AddRow("file", $"{result.FileMegabytes:N0} MB{(result.Gzip ? " gzip" : string.Empty)} ({result.JsonMegabytes:N0} MB JSON), {result.Partners:N0} partners, {result.Contacts:N0} contacts");
            table.AddRow("records/s (both runs)", result.RecordsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("MB/s of file (of JSON)", $"{result.MegabytesPerSecond:N1} ({result.JsonMegabytesPerSecond:N1})");
            table.AddRow("seconds (both runs)", result.Seconds.ToString("N1", CultureInfo.InvariantCulture));
            table.AddRow("killed at", result.KilledAtFraction.ToString("P1", CultureInfo.InvariantCulture));
            table.AddRow("resume: to first publish / first ack", $"{result.ResumeToFirstPublishCallMs:N0} ms / {result.ResumeToFirstAcknowledgedMs:N0} ms ({(result.ResumeJumped ? "jumped" : "scanned")})");
            table.AddRow("records published twice", $"{result.RecordsPublishedTwice:N0} (batch {result.BatchSize:N0})");
            table.AddRow("peak working set (MiB)", result.PeakWorkingSetMiB.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("managed heap after GC: start / peak / end (MiB)", $"{result.ManagedHeapAtStartMiB:N0} / {result.PeakManagedHeapMiB:N0} / {result.ManagedHeapAtEndMiB:N0}");
            table.AddRow("allocated per record (bytes)", result.AllocatedPerRecordBytes.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("collections gen0 / gen1 / gen2", $"{result.Gen0Collections:N0} / {result.Gen1Collections:N0} / {result.Gen2Collections:N0}{(result.ServerGc ? " (server GC)" : string.Empty)}");
            if (result.KeptDirectory is { } kept)
            {
                table.AddRow("kept", Markup.Escape(kept));
            }

            CliOutput.Console(output).Write(table);
            return 0;
        });
        return command;
    }
}
