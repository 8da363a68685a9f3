using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using SyncGrid.Cli.Demo;
using SyncGrid.Generator;

namespace SyncGrid.Cli.Commands;

/// <summary><c>syncgrid demo</c>: the whole sync, end to end, in this process on the embedded defaults.</summary>
internal static class DemoCommand
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    public static Command Build()
    {
        var scale = new Option<string>("--scale") { Description = "demo (5,000 companies), seed (178,000: the real volume) or a number of companies.", DefaultValueFactory = _ => "demo" };
        var seed = new Option<long>("--seed") { Description = "The generator's seed.", DefaultValueFactory = _ => 42 };
        var mariadb = new Option<string?>("--mariadb") { Description = "Keep the grid in this MariaDB (connection string with a database) instead of memory." };
        var noStoreA = new Option<bool>("--no-store-a") { Description = "Skip store A (otherwise a private MariaDB server is started when MariaDB is installed)." };
        var timeout = new Option<int>("--timeout-minutes") { Description = "Give up after this long.", DefaultValueFactory = _ => 30 };
        var keep = new Option<bool>("--keep") { Description = "Keep the working directory (generated data, checkpoints)." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON (no live progress)." };
        var logLevel = new Option<string>("--log-level") { Description = "The silo's console log level (Critical keeps the progress readable; Warning shows retries).", DefaultValueFactory = _ => "Critical" };
        var command = new Command("demo", "Run the whole sync end to end in this process: generated data, store A in a private MariaDB, mock Kafka, the register and Bitrix24 sandboxes, one silo and the API; then check the portal against the expected outcome. Exit code 0 only when the final check passes.")
        {
            scale, seed, mariadb, noStoreA, timeout, keep, json, logLevel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (!GeneratorScale.TryParse(parse.GetValue(scale), out var companies))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"--scale: '{parse.GetValue(scale)}' is not demo, seed or a number of companies (at least {GeneratorScale.Minimum}).");
                return 2;
            }

            var options = new PipelineOptions
            {
                Companies = companies,
                Seed = parse.GetValue(seed),
                GridConnectionString = parse.GetValue(mariadb),
                StoreA = !parse.GetValue(noStoreA),
                Timeout = TimeSpan.FromMinutes(parse.GetValue(timeout)),
                Keep = parse.GetValue(keep),
                LogLevel = parse.GetValue(logLevel)!,
            };
            var console = CliOutput.Console(output);
            var asJson = parse.GetValue(json);
            await using var run = new PipelineRun(options);
            PipelineReport report;
            if (asJson)
            {
                report = await run.RunAsync(null, cancellationToken);
                CliOutput.WriteJson(output, ReportJson(report));
                return report.Check?.Passed == true ? 0 : 1;
            }

            console.MarkupLine($"[bold]SyncGrid demo[/]: {companies:N0} companies, seed {options.Seed}; grid state {(options.GridConnectionString is null ? "in memory" : "in MariaDB")}.");
            var announced = false;
            var lastPlain = -PlainInterval;
            report = await run.RunAsync(
                snapshot =>
                {
                    if (!announced && run.ApiUrl is not null)
                    {
                        announced = true;
                        Announce(console, run);
                    }

                    if (snapshot.Elapsed - lastPlain >= PlainInterval)
                    {
                        lastPlain = snapshot.Elapsed;
                        console.Write(ProgressTable(snapshot));
                    }
                },
                cancellationToken);
            console.Write(SummaryTable(report));
            if (report.Check is { } check)
            {
                console.Write(CheckTable(check));
                foreach (var mismatch in check.SampleMismatches)
                {
                    console.MarkupLineInterpolated($"[yellow]sample mismatch[/] {mismatch}");
                }

                console.MarkupLine(check.Passed ? "[green]Final check passed[/]: the portal holds exactly the expected outcome." : "[red]Final check failed[/]: see the lines above.");
            }

            return report.Check?.Passed == true ? 0 : 1;
        });
        return command;
    }

    private static void Announce(IAnsiConsole console, PipelineRun run)
    {
        if (run.StoreASkipped is { } skipped)
        {
            console.MarkupLineInterpolated($"[yellow]Store A skipped[/]: {skipped}.");
        }

        console.MarkupLineInterpolated($"API while it runs: {run.ApiUrl}/api/v1/companies/counts  (Authorization: Bearer {run.ApiToken})");
        if (run.Portal is not null)
        {
            console.MarkupLineInterpolated($"Bitrix24 sandbox: {run.Portal.BaseUrl}_sandbox/inspect");
        }
    }

    private static Table ProgressTable(PipelineSnapshot s)
    {
        var table = new Table().Border(TableBorder.Simple).Title($"{s.Elapsed:mm\\:ss}  {s.Stage}").AddColumn("source / stage").AddColumn("progress");
        if (s.StoreA is { } storeA)
        {
            foreach (var t in storeA.Tables)
            {
                table.AddRow($"store A {t.Table}", $"{t.RowsPublished:N0} rows published{(t.FullExtractDone ? ", full extract done" : string.Empty)}");
            }
        }

        table.AddRow("store B exports", $"{s.ExportsPublished:N0} / {s.ExportsTotal:N0} partners");
        table.AddRow("store B events", $"{s.EventsPublished:N0} / {s.EventsTotal:N0} events");
        table.AddRow("Kafka lag", string.Join(", ", s.LagByTopic.Select(l => $"{l.Key} {l.Value:N0}")));
        table.AddRow("companies", string.Join(", ", s.CompaniesByStatus.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value:N0}")));
        if (s.Gateway is { } gateway)
        {
            table.AddRow("Bitrix24 pushes", $"{gateway.Commands:N0} commands in {gateway.Requests:N0} requests, queue {gateway.QueueDepth:N0}; portal: {string.Join(", ", s.PortalEntities.Select(e => $"{e.Key} {e.Value:N0}"))}");
        }

        return table;
    }

    private static Table SummaryTable(PipelineReport report)
    {
        var s = report.Final;
        var expected = report.Generated.Expected;
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Summary[/]").AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(new Markup(Markup.Escape(name)), new Text(value));
        Row("wall time", $"{report.Stages["total"].TotalSeconds:N1} s (generate {report.Stages["generate"].TotalSeconds:N1} s, ingest {Stage(report, "ingest")}, pushes after ingest {Stage(report, "sync")})");
        Row("records read: store A rows", s.StoreA is null ? "skipped" : $"{s.StoreA.Tables.Sum(t => t.RowsRead):N0}");
        Row("records read: store B export partners", $"{s.ExportsPublished:N0} ({s.ExportsRejected:N0} of them malformed)");
        Row("records read: store B events", $"{s.EventsPublished:N0}");
        Row("raw contact rows (both stores)", $"{expected.Raw.StoreA.ContactRows + expected.Raw.StoreB.ContactRows:N0}");
        Row("companies in the grid (distinct TINs)", $"{s.CompaniesByStatus.Values.Sum():N0}");
        Row("duplicates merged (store A rows + partner ids → companies)", $"{expected.Raw.StoreA.CompanyRows + expected.Raw.StoreB.Partners:N0} → {s.CompaniesByStatus.Values.Sum():N0}");
        Row("companies created in Bitrix24", $"{s.PortalEntities.GetValueOrDefault("company"):N0}");
        Row("contacts created in Bitrix24", $"{s.PortalEntities.GetValueOrDefault("contact"):N0}");
        foreach (var (reason, count) in s.RejectsByReason.OrderByDescending(r => r.Value))
        {
            Row($"rejects: {reason}", $"{count:N0}");
        }

        if (s.RegisterStats is { } register)
        {
            var companyRecords = expected.Raw.StoreA.CompanyRows + s.ExportsPublished + s.EventsPublished;
            Row("register lookups / company source records", $"{register.Requests:N0} / {companyRecords:N0} (one per company with a valid TIN, retries included: prefilter and verdict cache spared {Math.Max(0, companyRecords - register.Requests):N0})");
        }

        if (s.Gateway is { } gateway)
        {
            Row("Bitrix24 commands / requests", $"{gateway.Commands:N0} / {gateway.Requests:N0}");
            Row("Bitrix24 limit errors", $"{gateway.RateLimitErrors + gateway.OperatingLimitErrors:N0} (portal refused {s.PortalLimitErrors:N0})");
        }

        Row("peak working set", $"{s.WorkingSetBytes / 1e6:N0} MB");
        return table;
    }

    private static string Stage(PipelineReport report, string name) =>
        report.Stages.TryGetValue(name, out var value) ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:N1} s") : "-";

    private static Table CheckTable(PortalCheckResult check)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Final check[/]").AddColumn("compared").AddColumn("expected").AddColumn("actual").AddColumn("");
        foreach (var line in check.Lines)
        {
            table.AddRow(new IRenderable[] { new Text(line.Name), new Text(line.Expected), new Text(line.Actual), new Markup(line.Passed ? "[green]ok[/]" : "[red]differs[/]") });
        }

        return table;
    }

    private static object ReportJson(PipelineReport report) => new
    {
        passed = report.Check?.Passed,
        storeASkipped = report.StoreASkipped,
        stagesSeconds = report.Stages.ToDictionary(s => s.Key, s => Math.Round(s.Value.TotalSeconds, 1)),
        companiesByStatus = report.Final.CompaniesByStatus.ToDictionary(c => c.Key.ToString(), c => c.Value),
        portal = report.Final.PortalEntities,
        rejects = report.Final.RejectsByReason,
        gateway = report.Final.Gateway,
        registerRequests = report.Final.RegisterStats?.Requests,
        check = report.Check?.Lines,
        sampleMismatches = report.Check?.SampleMismatches,
    };
}
