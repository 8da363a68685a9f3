using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SyncGrid.Cli.Bench;

namespace SyncGrid.Cli.Commands;

/// <summary><c>syncgrid bench register</c>: register lookups made per record seen, and lookups/s against the configured rate.</summary>
internal static class RegisterBenchCommand
{
    public static Command Build()
    {
        var records = new Option<int>("--records") { Description = "Source records to check.", DefaultValueFactory = _ => 1000 };
        var rate = new Option<double>("--rate") { Description = "The client's configured requests per second.", DefaultValueFactory = _ => 20 };
        var limit = new Option<int>("--register-limit") { Description = "The sandbox register's rate limit (requests per second).", DefaultValueFactory = _ => 30 };
        var latency = new Option<int>("--latency-ms") { Description = "The sandbox register's latency.", DefaultValueFactory = _ => 400 };
        var invalid = new Option<double>("--invalid") { Description = "Share of records with an invalid TIN.", DefaultValueFactory = _ => 0.35 };
        var repeats = new Option<double>("--repeats") { Description = "Share of valid records that repeat a TIN already seen.", DefaultValueFactory = _ => 0.5 };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent callers.", DefaultValueFactory = _ => 64 };
        var seed = new Option<int>("--seed") { Description = "Seed of the sample data.", DefaultValueFactory = _ => 42 };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var command = new Command("register", "Register lookups against the register sandbox (400 ms, 30 rps): invalid TINs prefiltered, repeats cached; lookups per record and lookups/s vs the configured rate.")
        {
            records, rate, limit, latency, invalid, repeats, concurrency, seed, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var settings = new RegisterBenchSettings(
                parse.GetValue(records), parse.GetValue(rate), parse.GetValue(limit), TimeSpan.FromMilliseconds(parse.GetValue(latency)),
                parse.GetValue(invalid), parse.GetValue(repeats), parse.GetValue(concurrency), parse.GetValue(seed));
            var result = await RegisterBenchmark.RunAsync(settings, cancellationToken);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(output, result);
                return 0;
            }

            var table = new Table().AddColumns("figure", "value");
            table.AddRow("records seen", result.Records.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("invalid TINs prefiltered (never sent)", result.InvalidPrefiltered.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("lookups made", result.LookupsMade.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("lookups per record seen", result.LookupsPerRecord.ToString("N3", CultureInfo.InvariantCulture));
            table.AddRow("requests at the register / 429s", $"{result.RequestsAtRegister:N0} / {result.Throttled:N0}");
            table.AddRow("found (active) / not found", $"{result.Found:N0} ({result.Active:N0}) / {result.NotFound:N0}");
            table.AddRow("unavailable / refused", $"{result.Unavailable:N0} / {result.Refused:N0}");
            table.AddRow("seconds", result.Seconds.ToString("N2", CultureInfo.InvariantCulture));
            table.AddRow("lookups/s (configured rate; register limit)", $"{result.LookupsPerSecond:N2} ({result.ConfiguredRate:N0}; {result.RegisterLimit})");
            CliOutput.Console(output).Write(table);
            return 0;
        });
        return command;
    }
}
