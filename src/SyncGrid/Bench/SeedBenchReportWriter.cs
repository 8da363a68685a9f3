using System.Globalization;
using System.Text;
using SyncGrid.Cli.Commands;
using SyncGrid.Generator;

namespace SyncGrid.Cli.Bench;

/// <summary>Writes a <c>bench seed</c> report as markdown and JSON, one column per silo count.</summary>
internal static class SeedBenchReportWriter
{
    /// <summary>The report's file name without extension: <c>seed</c> at the seed volume, <c>seed-N</c> at N companies.</summary>
    public static string FileName(SeedBenchSettings settings) =>
        settings.Companies == GeneratorScale.Seed ? "seed" : string.Create(CultureInfo.InvariantCulture, $"seed-{settings.Companies}");

    /// <summary>Writes <c>{name}.md</c> and <c>{name}.json</c> into <paramref name="directory"/> (created when missing); returns both paths.</summary>
    public static async Task<(string Markdown, string Json)> WriteAsync(SeedBenchReport report, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var name = FileName(report.Settings);
        var markdown = Path.Combine(directory, name + ".md");
        var json = Path.Combine(directory, name + ".json");
        await File.WriteAllTextAsync(markdown, Markdown(report), cancellationToken);
        await using (var writer = new StreamWriter(json, append: false, new UTF8Encoding(false)))
        {
            CliOutput.WriteJson(writer, report);
        }

        return (markdown, json);
    }

    /// <summary>The canonical command line that reproduces the report.</summary>
    public static string CommandLine(SeedBenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var line = new StringBuilder("syncgrid bench seed --scale ")
            .Append(settings.Companies == GeneratorScale.Seed ? "seed" : settings.Companies.ToString(CultureInfo.InvariantCulture))
            .Append(CultureInfo.InvariantCulture, $" --seed {settings.Seed} --silos {string.Join(",", settings.Silos)}");
        if (settings.SyncMinutes is { } minutes)
        {
            line.Append(CultureInfo.InvariantCulture, $" --sync-minutes {minutes}");
        }

        if (settings.RegisterRate is { } rate)
        {
            line.Append(CultureInfo.InvariantCulture, $" --register-rate {rate}");
        }
        else if (settings.RegisterFloorShare != SeedBenchCommandDefaults.RegisterFloorShare)
        {
            line.Append(CultureInfo.InvariantCulture, $" --register-floor-share {settings.RegisterFloorShare}");
        }

        if (settings.Bitrix24Drain is { } drain)
        {
            line.Append(CultureInfo.InvariantCulture, $" --bitrix24-drain {drain}");
        }

        if (settings.Bitrix24Burst is { } burst)
        {
            line.Append(CultureInfo.InvariantCulture, $" --bitrix24-burst {burst}");
        }

        return line.ToString();
    }

    /// <summary>The markdown report.</summary>
    public static string Markdown(SeedBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var runs = report.Runs;
        var text = new StringBuilder();
        void Line(string value = "") => text.Append(value).Append('\n');
        void Failures() => report.Failures.ToList().ForEach(f => Line($"- {f}"));
        if (runs.Count == 0)
        {
            Line($"# bench seed — {report.FinishedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: no silo count finished");
            Line();
            Line($"Command: `{CommandLine(report.Settings)}`.");
            Line();
            Failures();
            return text.ToString();
        }

        var first = runs[0];
        void Row(string figure, Func<SeedBenchRun, string> value) => Line($"| {figure} | {string.Join(" | ", runs.Select(value))} |");

        Line($"# bench seed — {report.FinishedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {report.ProcessorCount} logical processors");
        Line();
        Line($"Command: `{CommandLine(report.Settings)}` (Release build; grid on MariaDB, a fresh database per silo count).");
        Line();
        var s = report.Settings;
        Line(Invariant($"Data: {s.Companies:N0} generated companies (seed {s.Seed}) through all three extractors — store A's replica coordinator on a private MariaDB, ")
            + Invariant($"the export importer, SAP events — the librdkafka mock cluster ({s.Partitions} partitions per topic), the silos (in this process, one cluster), ")
            + "the register sandbox and the Bitrix24 sandbox. Each silo count runs on its own data, cluster, sandboxes and database. "
            + Invariant($"The sandboxes' limits are scaled up so the run takes minutes: the register allows {first.Register.RateLimit:N0} requests/s ")
            + Invariant($"(the silos' clients together are configured for 90 %, {first.Register.ClientRate:N1}/s); the portal's bucket takes a burst of ")
            + Invariant($"{first.Bitrix24.Burst:N0} requests and drains {first.Bitrix24.Drain:N2}/s, so it allows {first.Bitrix24.AllowedCommandsPerSecond:N1} commands/s (50 × drain)."));
        Line();
        if (report.Failures.Count > 0)
        {
            Line("**Silo counts that did not finish** (their figures are not in the tables):");
            Line();
            Failures();
            Line();
        }

        Line("Stages are timed from the first record published (they overlap); generate includes starting store A's MariaDB and loading it, total is the whole wall time of that silo count.");
        Line();
        Line($"| figure | {string.Join(" | ", runs.Select(r => r.Silos == 1 ? "1 silo" : $"{r.Silos} silos"))} |");
        Line($"|---|{string.Concat(runs.Select(_ => "---|"))}");
        Row("generate", r => Sec(r.Stages.Generate));
        Row("start (Kafka, sandboxes, silos)", r => Sec(r.Stages.Start));
        Row("ingest: grid state converged (everything committed)", r => Sec(r.Stages.Ingest));
        Row("register validation done", r => r.Stages.RegisterValidated is { } v ? Sec(v) : "-");
        Row("Bitrix24 sync done = end-to-end first sync", r => Sec(r.Stages.Bitrix24Synced));
        Row("total wall time", r => Sec(r.Stages.Total));
        Row("CPU of this process ÷ wall time (cores busy; MariaDB not counted)", r => Invariant($"{r.Stages.ProcessCpu / r.Stages.Total:N2}"));
        Row("Kafka records (store A rows, export partners, events)", r => N(r.Ingest.KafkaRecords));
        Row("records the ingest grains handled, by outcome", r => Outcomes(r.Ingest.RecordsHandledByOutcome));
        Row("grid state writes until convergence", r => N(r.Ingest.GridStateWrites));
        Row("Kafka records/s into grid state", r => N(r.Ingest.KafkaRecordsPerSecond));
        Row("source records/s (contact rows counted)", r => N(r.Ingest.SourceRecordsPerSecond));
        Row("peak working set (sampled each second)", r => Invariant($"{r.Ingest.PeakWorkingSetMiB:N0} MiB"));
        Row("register lookups / valid TINs / company source records", r => Invariant($"{r.Register.Lookups:N0} / {r.Register.ValidTins:N0} / {r.Register.CompanySourceRecords:N0}"));
        Row("register lookups per valid TIN · per company record", r => Invariant($"{r.Register.LookupsPerValidTin:N3} · {r.Register.LookupsPerCompanyRecord:N3}"));
        Row("register lookups/s until validated (client pace; register limit)", r => Invariant($"{r.Register.LookupsPerSecond:N1} ({r.Register.ClientRate:N1}; {r.Register.RateLimit:N0})"));
        Row("register 429 answers", r => N(r.Register.Throttled));
        Row("Bitrix24 commands / requests (minimum commands for the expected entities)", r => Invariant($"{r.Bitrix24.Commands:N0} / {r.Bitrix24.Requests:N0} ({r.Bitrix24.MinimumCommands:N0})"));
        Row("Bitrix24 commands/s, first to last push / allowed", r => Invariant($"{r.Bitrix24.CommandsPerSecond:N1} / {r.Bitrix24.AllowedCommandsPerSecond:N1}"));
        Row("Bitrix24 ratio to the allowed rate (target ≥ 0.95)", r => Mark(r.Bitrix24.RatioToAllowed.ToString("N3", CultureInfo.InvariantCulture), r.Bitrix24.RatioToAllowed >= 0.95));
        Row("Bitrix24 limit errors, gateway / portal (target 0)", r => Mark($"{r.Bitrix24.GatewayLimitErrors:N0} / {r.Bitrix24.PortalLimitErrors:N0}", r.Bitrix24.GatewayLimitErrors + r.Bitrix24.PortalLimitErrors == 0));
        Row("register floor: valid TINs ÷ register rate", r => Sec(r.Overlap.RegisterFloorSeconds));
        Row("Bitrix24 floor: commands ÷ (50 × drain)", r => Sec(r.Overlap.Bitrix24FloorSeconds));
        Row("first sync ÷ slower floor (target ≤ 1.1)", r => Mark(Invariant($"{r.Overlap.RatioToSlowerFloor:N3} ({r.Overlap.SlowerFloor})"), r.Overlap.RatioToSlowerFloor <= 1.1));
        Row("sum of the floors (stages one after the other)", r => Sec(r.Overlap.SumOfFloorsSeconds));
        Row("Bitrix24 floor of the minimum commands; first sync ÷ slower floor then", r => Invariant($"{r.Overlap.Bitrix24FloorOfMinimumSeconds:N1} s; {r.Overlap.RatioToSlowerMinimumFloor:N3}"));
        Row("final check against the expected outcome", r => r.Passed ? "passed" : $"**failed** ({r.Counts.Count(c => !c.Passed)} lines differ)");
        Row("unchanged re-run: records fed again", r => N(r.Rerun.RecordsFed));
        Row("unchanged re-run: records the ingest grains handled", r => Outcomes(r.Rerun.RecordsHandledByOutcome));
        Row("unchanged re-run: grid state writes (target 0)", r => Mark(N(r.Rerun.GridStateWrites), r.Rerun.GridStateWrites == 0));
        Row("unchanged re-run: Bitrix24 commands (target 0)", r => Mark(N(r.Rerun.Bitrix24Commands), r.Rerun.Bitrix24Commands == 0));
        Row("unchanged re-run: until quiet", r => Sec(r.Rerun.Seconds));
        Row("unchanged re-run: final check", r => r.Rerun.CheckPassed && r.Rerun.PortalUnchanged ? "passed, portal unchanged" : "**failed**");
        Line();
        Line("Register lookups include retries; the register floor uses the register's own limit, which the clients stay 10 % under (and their pacer "
            + "spaces requests 10 % further), so a run whose slower floor is the register cannot come closer than about 1.2× it. Bitrix24 commands/s "
            + "is the gateway's count from its first request to the snapshot after its last (at most a second late).");

        Line();
        Line("Bitrix24 commands by method:");
        Line();
        foreach (var run in runs)
        {
            Line($"- {run.Silos} silo(s): {string.Join(", ", run.Bitrix24.CommandsByMethod.OrderByDescending(m => m.Value).Select(m => Invariant($"{m.Key} {m.Value:N0}")))}");
        }

        if (runs.Any(r => r.Rerun.StateWritesByState.Values.Any(v => v != 0)))
        {
            Line();
            Line("Re-run writes by grain state:");
            Line();
            foreach (var run in runs)
            {
                Line($"- {run.Silos} silo(s): {string.Join(", ", run.Rerun.StateWritesByState.Where(w => w.Value != 0).Select(w => Invariant($"{w.Key} {w.Value:N0}")))}");
            }
        }

        Line();
        Line("## Final counts against the generator's expected outcome");
        Line();
        Line($"| compared | expected | {string.Join(" | ", runs.Select(r => r.Silos == 1 ? "1 silo" : $"{r.Silos} silos"))} |");
        Line($"|---|---|{string.Concat(runs.Select(_ => "---|"))}");
        foreach (var line in first.Counts)
        {
            Line($"| {line.Name.Trim()} | {line.Expected} | {string.Join(" | ", runs.Select(r => r.Counts.FirstOrDefault(c => c.Name == line.Name) is { } c ? Mark(c.Actual, c.Passed) : "-"))} |");
        }

        foreach (var run in runs.Where(r => r.SampleMismatches.Count > 0))
        {
            Line();
            Line($"Sample mismatches with {run.Silos} silo(s): {string.Join("; ", run.SampleMismatches)}");
        }

        foreach (var run in runs.Where(r => r.StoreASkipped is not null))
        {
            Line();
            Line($"Store A skipped with {run.Silos} silo(s): {run.StoreASkipped}");
        }

        Line();
        Line($"The same figures as JSON: `{FileName(report.Settings)}.json`.");
        return text.ToString();
    }

    private static string Outcomes(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "0" : string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => Invariant($"{c.Key} {c.Value:N0}")));

    private static string Sec(double seconds) => Invariant($"{seconds:N1} s");

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Mark(string value, bool met) => met ? value : $"**{value}**";

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
