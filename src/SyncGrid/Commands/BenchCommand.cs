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

        return new Command("bench", "Throughput benchmarks.") { normalize };
    }
}
