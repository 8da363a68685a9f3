using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SyncGrid.Cli.Bench;
using SyncGrid.Generator;

namespace SyncGrid.Cli.Commands;

/// <summary>Defaults of <c>bench seed</c> that its report also needs.</summary>
internal static class SeedBenchCommandDefaults
{
    /// <summary>
    /// The register floor as a share of the Bitrix24 floor when the register's rate is not given. At 1 the two stages
    /// take about as long: the clients validate at about 82 % of the register's limit, and a first sync sends a third
    /// more commands than the minimum the Bitrix24 floor is sized for, so the portal stays the slower stage without
    /// validated companies piling up at the gateway (where they would hold their grains for minutes).
    /// </summary>
    public const double RegisterFloorShare = 1.0;
}

/// <summary>
/// <c>syncgrid bench seed</c>: the whole pipeline at the seed volume on MariaDB, the mock Kafka cluster and both sandboxes,
/// once per silo count, with a report (markdown and JSON) under <c>bench/results/</c>.
/// </summary>
internal static class SeedBenchCommand
{
    public static Command Build()
    {
        var connection = new Option<string?>("--connection") { Description = "MariaDB server for the grid (a fresh database per silo count, dropped after); default: ConnectionStrings__MariaDb or SYNCGRID_TEST_MARIADB." };
        var scale = new Option<string>("--scale") { Description = "seed (178,000 companies: the real volume), demo (5,000) or a number of companies.", DefaultValueFactory = _ => "seed" };
        var seed = new Option<long>("--seed") { Description = "The generator's seed.", DefaultValueFactory = _ => 42 };
        var silos = new Option<string>("--silos") { Description = "Silo counts to run one after the other, each on its own cluster in this process (for example 1,3).", DefaultValueFactory = _ => "1,3" };
        var syncMinutes = new Option<double?>("--sync-minutes") { Description = "The Bitrix24 floor the portal's drain is sized for: the expected commands take this long at 50 × drain. Default: 30 minutes at the seed volume (about 600 commands/s), proportionally less (at least 1) below." };
        var registerShare = new Option<double>("--register-floor-share") { Description = "The register floor (valid TINs ÷ register rate) as a share of the Bitrix24 floor, to size the register's rate.", DefaultValueFactory = _ => SeedBenchCommandDefaults.RegisterFloorShare };
        var registerRate = new Option<int?>("--register-rate") { Description = "Requests/s the register sandbox allows, instead of sizing it (the silos' clients together use 90 %)." };
        var drain = new Option<double?>("--bitrix24-drain") { Description = "The portal's leaky-bucket drain in requests/s, instead of sizing it." };
        var burst = new Option<int?>("--bitrix24-burst") { Description = "The portal's leaky-bucket burst in requests; default 5 seconds of drain (at least 5)." };
        var partitions = new Option<int>("--partitions") { Description = "Partitions per topic.", DefaultValueFactory = _ => 8 };
        var rows = new Option<int>("--store-a-rows-per-second") { Description = "The replica extractor's pace.", DefaultValueFactory = _ => 50_000 };
        var timeout = new Option<int>("--timeout-minutes") { Description = "Give up on a silo count's run (and again on its re-run) after this long.", DefaultValueFactory = _ => 90 };
        var output = new Option<string>("--out") { Description = "Where the report goes: seed.md and seed.json (seed-N.* below the seed volume).", DefaultValueFactory = _ => Path.Combine("bench", "results") };
        var keep = new Option<bool>("--keep") { Description = "Keep the grid databases and the working directories." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of markdown (no progress)." };
        var logLevel = new Option<string>("--log-level") { Description = "The silos' console log level (Warning shows delivery retries, timeouts and register or Bitrix24 retries).", DefaultValueFactory = _ => "Critical" };
        var command = new Command("seed", "The whole pipeline at the seed volume — generated data, store A's replica, exports and SAP events through mock Kafka into the grid on MariaDB, register validation and Bitrix24 pushes against the sandboxes at scaled-up limits — once per silo count, then an unchanged re-run; writes a markdown and JSON report. Exit code 0 only when every final check passes.")
        {
            connection, scale, seed, silos, syncMinutes, registerShare, registerRate, drain, burst, partitions, rows, timeout, output, keep, json, logLevel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var server = parse.GetValue(connection)
                ?? Environment.GetEnvironmentVariable("ConnectionStrings__MariaDb")
                ?? Environment.GetEnvironmentVariable("SYNCGRID_TEST_MARIADB");
            if (string.IsNullOrWhiteSpace(server))
            {
                await error.WriteLineAsync("bench seed needs a MariaDB server: pass --connection \"Server=127.0.0.1;User ID=…;Password=…\" or set ConnectionStrings__MariaDb (./deploy/scripts/mariadb.sh starts one on loopback).");
                return 2;
            }

            if (!GeneratorScale.TryParse(parse.GetValue(scale), out var companies))
            {
                await error.WriteLineAsync($"--scale: '{parse.GetValue(scale)}' is not demo, seed or a number of companies (at least {GeneratorScale.Minimum}).");
                return 2;
            }

            if (ParseSilos(parse.GetValue(silos)) is not { } counts)
            {
                await error.WriteLineAsync($"--silos: '{parse.GetValue(silos)}' is not a comma-separated list of silo counts from 1 to 16 (for example 1,3).");
                return 2;
            }

            var settings = new SeedBenchSettings(
                server, companies, parse.GetValue(seed), counts, parse.GetValue(partitions), parse.GetValue(rows),
                parse.GetValue(syncMinutes), parse.GetValue(registerShare), parse.GetValue(registerRate), parse.GetValue(drain), parse.GetValue(burst),
                parse.GetValue(timeout), parse.GetValue(keep), parse.GetValue(logLevel) ?? "Critical");
            if (settings.SyncMinutes is <= 0 || settings.RegisterFloorShare <= 0 || settings.RegisterRate is < 1 || settings.Bitrix24Drain is <= 0 || settings.Bitrix24Burst is < 1 || settings.Partitions < 1)
            {
                await error.WriteLineAsync("--sync-minutes, --register-floor-share, --register-rate, --bitrix24-drain, --bitrix24-burst and --partitions must be positive.");
                return 2;
            }

            var asJson = parse.GetValue(json);
            if (!asJson)
            {
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"bench seed: {companies:N0} companies, silos {string.Join(", ", counts)}; Bitrix24 floor sized for {SeedBenchmark.SyncSeconds(settings) / 60:N1} min"));
            }

            var last = new Dictionary<int, TimeSpan>();
            var report = await SeedBenchmark.RunAsync(
                settings,
                asJson ? null : (silosRunning, s) =>
                {
                    if (s.Elapsed - last.GetValueOrDefault(silosRunning, TimeSpan.FromSeconds(-30)) >= TimeSpan.FromSeconds(15))
                    {
                        last[silosRunning] = s.Elapsed;
                        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"[{silosRunning} silo(s)] {s.Elapsed:hh\\:mm\\:ss} {s.Stage}: lag {string.Join(" ", s.LagByTopic.Values)}, companies {string.Join(" ", s.CompaniesByStatus.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value:N0}"))}, register {s.RegisterStats?.Requests ?? 0:N0}, Bitrix24 {s.Gateway?.Commands ?? 0:N0} commands (queue {s.GatewayQueue:N0}), {s.WorkingSetBytes / 1e6:N0} MB"));
                    }
                },
                cancellationToken);
            foreach (var failure in report.Failures)
            {
                await error.WriteLineAsync($"bench seed: did not finish: {failure}");
            }

            var (markdown, jsonFile) = await SeedBenchReportWriter.WriteAsync(report, parse.GetValue(output)!, cancellationToken);
            if (asJson)
            {
                CliOutput.WriteJson(writer, report);
            }
            else
            {
                await writer.WriteLineAsync(SeedBenchReportWriter.Markdown(report));
                CliOutput.Console(writer).MarkupLineInterpolated($"Report: {markdown} and {jsonFile}");
            }

            return report.Passed ? 0 : 1;
        });
        return command;
    }

    /// <summary>Silo counts from <c>1,3</c>; null when the text is not such a list.</summary>
    internal static IReadOnlyList<int>? ParseSilos(string? text)
    {
        var counts = new List<int>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 16)
            {
                return null;
            }

            counts.Add(count);
        }

        return counts.Count == 0 ? null : counts;
    }
}
