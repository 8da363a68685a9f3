using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using SyncGrid.Abstractions;
using SyncGrid.Api;
using SyncGrid.Api.Contracts;

namespace SyncGrid.Cli.Commands;

/// <summary>
/// The commands that read and steer a running grid through its HTTP API: <c>status</c>, <c>companies</c>,
/// <c>rejects</c>, <c>sources</c>, <c>gateway</c>, <c>resync</c> and <c>plan</c>. Tables for people, <c>--json</c> for scripts;
/// exit codes as <see cref="ApiCall"/> documents.
/// </summary>
internal static class GridClientCommands
{
    public static IEnumerable<Command> Build() => [Status(), Companies(), Rejects(), Sources(), Gateway(), Resync(), Plan()];

    private static Command Status()
    {
        var api = new ApiClientOptions();
        var tin = new Argument<string>("tin") { Description = "The company's TIN (free text is normalised: \"ИНН 7707 083 893\")." };
        var command = api.AddTo(new Command("status", "A company's sync state: status, register verdict, Bitrix24 ids, every field with its winning source, contacts, last error, history.") { tin });
        command.SetAction(async (parse, ct) =>
        {
            var call = api.Client(parse);
            var (state, code) = await call.SendAsync<CompanyStateResponse>(HttpMethod.Get, $"api/v1/companies/{Uri.EscapeDataString(parse.GetRequiredValue(tin))}", ct);
            if (state is not null && !call.Json)
            {
                WriteState(call.Console(), state);
            }

            return code;
        });
        return command;
    }

    private static Command Companies()
    {
        var api = new ApiClientOptions();
        var status = new Option<string?>("--status") { Description = $"Only companies of this status ({StatusNames})." };
        var after = new Option<string?>("--after") { Description = "Start after this TIN (the 'next' of the previous page)." };
        var limit = new Option<int>("--limit") { Description = "Companies per page, 1 to 1000.", DefaultValueFactory = _ => 50 };
        var counts = new Option<bool>("--counts") { Description = "Print the number of companies per status instead of a page." };
        var command = api.AddTo(new Command("companies", "Companies from the read model, ordered by TIN, a page at a time; or their counts per status.") { status, after, limit, counts });
        command.SetAction(async (parse, ct) =>
        {
            var call = api.Client(parse);
            if (parse.GetValue(counts))
            {
                var (totals, countCode) = await call.SendAsync<CompanyCounts>(HttpMethod.Get, "api/v1/companies/counts", ct);
                if (totals is not null && !call.Json)
                {
                    var table = new Table().AddColumns("status", "companies");
                    foreach (var (s, n) in totals.ByStatus)
                    {
                        table.AddRow(Name(s), Number(n));
                    }

                    table.AddRow("[bold]total[/]", $"[bold]{Number(totals.Total)}[/]");
                    var console = call.Console();
                    console.Write(table);
                    console.WriteLine($"contacts: {Number(totals.Contacts)}");
                }

                return countCode;
            }

            var query = Query(("status", parse.GetValue(status)), ("after", parse.GetValue(after)), ("limit", parse.GetValue(limit).ToString(CultureInfo.InvariantCulture)));
            var (page, code) = await call.SendAsync<CompanyPage>(HttpMethod.Get, "api/v1/companies" + query, ct);
            if (page is not null && !call.Json)
            {
                var table = new Table().AddColumns("tin", "name", "status", "bitrix24", "sources", "updated", "reason / last error");
                foreach (var c in page.Items)
                {
                    table.AddRow(c.Tin, Esc(c.Name), Name(c.Status), c.Bitrix24CompanyId?.ToString(CultureInfo.InvariantCulture) ?? "-", Number(c.Sources), Time(c.UpdatedAt), Esc(c.LastError ?? c.StatusReason));
                }

                var console = call.Console();
                console.Write(table);
                console.WriteLine(page.Next is null ? $"{page.Items.Count} companies (last page)" : $"{page.Items.Count} companies; next page: --after {page.Next}");
            }

            return code;
        });
        return command;
    }

    private static Command Rejects()
    {
        var api = new ApiClientOptions();
        var store = new Option<string?>("--store") { Description = "Only this source store: store-a, store-b or retailcrm." };
        var reason = new Option<string?>("--reason") { Description = "Only reason codes starting with this (tin. or tin.checksum)." };
        var sourceId = new Option<string?>("--source-id") { Description = "Only this source record id." };
        var offset = new Option<int>("--offset") { Description = "Rejects to skip.", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit") { Description = "Rejects per page, 1 to 1000.", DefaultValueFactory = _ => 50 };
        var command = api.AddTo(new Command("rejects", "Rejected values, newest first, with where they came from and why; counts by reason.") { store, reason, sourceId, offset, limit });
        command.SetAction(async (parse, ct) =>
        {
            var call = api.Client(parse);
            var query = Query(("store", parse.GetValue(store)), ("reason", parse.GetValue(reason)), ("sourceId", parse.GetValue(sourceId)),
                ("offset", parse.GetValue(offset).ToString(CultureInfo.InvariantCulture)), ("limit", parse.GetValue(limit).ToString(CultureInfo.InvariantCulture)));
            var (page, code) = await call.SendAsync<RejectPage>(HttpMethod.Get, "api/v1/rejects" + query, ct);
            if (page is not null && !call.Json)
            {
                var table = new Table().AddColumns("store", "source id", "position", "field", "raw value", "reason", "count", "last seen");
                foreach (var r in page.Items)
                {
                    table.AddRow(r.Store, Esc(r.SourceId), Esc(r.SourcePosition), Esc(r.Field), Esc(r.RawValue is null ? null : CliOutput.Quote(r.RawValue)), Esc(r.ReasonCode), Number(r.Count), Time(r.LastSeen));
                }

                var console = call.Console();
                console.Write(table);
                var byReason = new Table().AddColumns("reason", "occurrences");
                foreach (var (r, n) in page.ByReason)
                {
                    byReason.AddRow(Esc(r), Number(n));
                }

                console.Write(byReason);
                console.WriteLine(page.NextOffset is { } next ? $"{page.Items.Count} rejects; next page: --offset {next}" : $"{page.Items.Count} rejects (last page)");
            }

            return code;
        });
        return command;
    }

    private static Command Sources()
    {
        var api = new ApiClientOptions();
        var command = api.AddTo(new Command("sources", "How far every source has been read: offsets, watermarks, checkpoints, counts, lag, last error."));
        command.SetAction(async (parse, ct) =>
        {
            var call = api.Client(parse);
            var (sources, code) = await call.SendAsync<SourcesResponse>(HttpMethod.Get, "api/v1/sources", ct);
            if (sources is not null && !call.Json)
            {
                var table = new Table().AddColumns("source", "kind", "processed", "total", "lag", "unit", "position", "updated", "error");
                foreach (var s in sources.Sources)
                {
                    table.AddRow(Esc(s.Source), Esc(s.Kind), Number(s.Processed), Number(s.Total), Number(s.Lag), Esc(s.Unit), Esc(s.Position), s.UpdatedAt is { } at ? Time(at) : "-",
                        s.LastError is null ? "-" : $"[red]{Markup.Escape(s.LastError)}[/]");
                }

                var console = call.Console();
                console.Write(table);
                if (sources.Sources.Count == 0)
                {
                    console.WriteLine("No source reports progress here (none is configured where the API runs).");
                }
            }

            return code;
        });
        return command;
    }

    private static Command Gateway()
    {
        var api = new ApiClientOptions();
        var command = api.AddTo(new Command("gateway", "The Bitrix24 gateway's requests, commands, rates, queue depth and limit errors since it was activated."));
        command.SetAction(async (parse, ct) =>
        {
            var call = api.Client(parse);
            var (g, code) = await call.SendAsync<GatewayResponse>(HttpMethod.Get, "api/v1/gateway", ct);
            if (g is not null && !call.Json)
            {
                var table = new Table().AddColumns("figure", "value");
                table.AddRow("portal", Esc(g.Portal));
                table.AddRow("requests", Number(g.Requests));
                table.AddRow("commands", Number(g.Commands));
                table.AddRow("requests/s", g.RequestsPerSecond.ToString("N2", CultureInfo.InvariantCulture));
                table.AddRow("commands/s", g.CommandsPerSecond.ToString("N2", CultureInfo.InvariantCulture));
                table.AddRow("queue depth (commands)", Number(g.QueueDepth));
                table.AddRow("QUERY_LIMIT_EXCEEDED", Number(g.RateLimitErrors));
                table.AddRow("OPERATION_TIME_LIMIT", Number(g.OperatingLimitErrors));
                table.AddRow("lost answers", Number(g.LostAnswers));
                table.AddRow("methods blocked now", Number(g.BlockedMethods));
                call.Console().Write(table);
            }

            return code;
        });
        return command;
    }

    private static Command Resync()
    {
        var api = new ApiClientOptions();
        var tin = new Argument<string>("tin") { Description = "The company's TIN." };
        var command = api.AddTo(new Command("resync", "Send a company through register validation and a Bitrix24 push again, although nothing changed (re-reads it in Bitrix24; never duplicates).") { tin });
        command.SetAction(async (parse, ct) =>
        {
            var call = api.Client(parse);
            var (result, code) = await call.SendAsync<ResyncResponse>(HttpMethod.Post, $"api/v1/companies/{Uri.EscapeDataString(parse.GetRequiredValue(tin))}/resync", ct);
            if (result is not null && !call.Json)
            {
                call.Console().MarkupLine($"company {result.Tin}: [green]re-sync queued[/], now {Name(result.Status)}. {Markup.Escape(result.Message)}");
            }

            return code;
        });
        return command;
    }

    private static Command Plan()
    {
        var api = new ApiClientOptions();
        var tin = new Argument<string?>("tin") { Description = "Plan this company only (with its contacts).", Arity = ArgumentArity.ZeroOrOne };
        var status = new Option<string?>("--status") { Description = $"Only companies of this status ({StatusNames})." };
        var after = new Option<string?>("--after") { Description = "Start after this TIN." };
        var limit = new Option<int>("--limit") { Description = "Most companies to plan.", DefaultValueFactory = _ => 1000 };
        var sample = new Option<int>("--sample") { Description = "How many planned writes to list.", DefaultValueFactory = _ => 20 };
        var command = api.AddTo(new Command("plan", "Dry run: the Bitrix24 writes a sync would make now, for one company or walking the read model. Nothing is sent; planned from grain state (what SyncGrid last wrote), not by reading the portal.")
        {
            tin, status, after, limit, sample,
        });
        command.SetAction(async (parse, ct) =>
        {
            var call = api.Client(parse);
            if (parse.GetValue(tin) is { Length: > 0 } one)
            {
                var (company, oneCode) = await call.SendAsync<CompanyPlanResponse>(HttpMethod.Get, $"api/v1/companies/{Uri.EscapeDataString(one)}/plan", ct);
                if (company is not null && !call.Json)
                {
                    var console = call.Console();
                    console.MarkupLine($"company {company.Tin} ({Name(company.Status)}): [bold]{Name(company.Outcome)}[/]{(company.Reason is null ? string.Empty : " - " + Markup.Escape(company.Reason))}");
                    WriteCommands(console, company.Commands);
                    if (company.ContactsNotPlanned > 0)
                    {
                        console.WriteLine($"{Number(company.ContactsNotPlanned)} more contacts not planned.");
                    }
                }

                return oneCode;
            }

            var query = Query(("status", parse.GetValue(status)), ("after", parse.GetValue(after)),
                ("limit", parse.GetValue(limit).ToString(CultureInfo.InvariantCulture)), ("sample", parse.GetValue(sample).ToString(CultureInfo.InvariantCulture)));
            var (plan, code) = await call.SendAsync<PlanResponse>(HttpMethod.Get, "api/v1/plan" + query, ct);
            if (plan is not null && !call.Json)
            {
                var console = call.Console();
                var summary = new Table().AddColumns("figure", "value");
                summary.AddRow("companies planned", Number(plan.CompaniesScanned));
                summary.AddRow("needing writes", Number(plan.CompaniesWithWrites));
                summary.AddRow("up to date", Number(plan.CompaniesUpToDate));
                summary.AddRow("blocked", Number(plan.CompaniesBlocked));
                summary.AddRow("planned writes", Number(plan.Commands));
                console.Write(summary);
                var methods = new Table().AddColumns("method", "writes");
                foreach (var (method, n) in plan.CommandsByMethod)
                {
                    methods.AddRow(Esc(method), Number(n));
                }

                console.Write(methods);
                if (plan.BlockedByReason.Count > 0)
                {
                    var blocked = new Table().AddColumns("blocked because", "companies");
                    foreach (var (reason, n) in plan.BlockedByReason)
                    {
                        blocked.AddRow(Esc(reason), Number(n));
                    }

                    console.Write(blocked);
                }

                WriteCommands(console, plan.Sample);
                console.WriteLine(plan.Next is null ? "Every company was planned." : $"More companies: --after {plan.Next}");
                console.WriteLine(plan.Basis);
            }

            return code;
        });
        return command;
    }

    private static void WriteState(IAnsiConsole console, CompanyStateResponse s)
    {
        var head = new Table().AddColumns("company", s.Tin);
        head.AddRow("name", Esc(s.Name));
        head.AddRow("status", $"[bold]{Name(s.Status)}[/]{(s.StatusReason is null ? string.Empty : " (" + Markup.Escape(s.StatusReason) + ")")}");
        head.AddRow("register", s.Register is { } r ? Markup.Escape($"{r.Verdict} at {Time(r.ObtainedAt)}{(r.ShortName is null ? string.Empty : ", " + r.ShortName)}") : "not asked yet");
        head.AddRow("bitrix24 company", s.Bitrix24.CompanyId?.ToString(CultureInfo.InvariantCulture) ?? "-");
        head.AddRow("bitrix24 parts", s.Bitrix24.Entities.Count == 0 ? "-" : Markup.Escape(string.Join(", ", s.Bitrix24.Entities.Select(e => $"{e.Kind} {e.Key}={e.Id}"))));
        head.AddRow("last error", s.Bitrix24.LastError is null ? "-" : $"[red]{Markup.Escape(s.Bitrix24.LastError)}[/]");
        head.AddRow("next attempt", s.Bitrix24.NextAttemptAt is { } next ? Time(next) : "-");
        head.AddRow("contacts", Number(s.ContactCount));
        head.AddRow("state version", Number(s.Version));
        console.Write(head);

        var fields = new Table().AddColumns("field", "value", "source", "changed at");
        foreach (var f in s.Fields)
        {
            fields.AddRow(Esc(f.Field), Esc(f.Value), Esc($"{f.Source.Store}:{f.Source.Id}"), Time(f.Source.ChangedAt));
        }

        console.Write(fields);
        if (s.Contacts.Count > 0)
        {
            var contacts = new Table().AddColumns("contact", "name", "bitrix24", "last error");
            foreach (var c in s.Contacts)
            {
                contacts.AddRow(Esc(c.Key), Esc(c.Name), c.Bitrix24ContactId?.ToString(CultureInfo.InvariantCulture) ?? "-", Esc(c.LastError));
            }

            console.Write(contacts);
        }

        var history = new Table().AddColumns("at", "status", "reason");
        foreach (var h in s.History)
        {
            history.AddRow(Time(h.At), Name(h.Status), Esc(h.Reason));
        }

        console.Write(history);
    }

    private static void WriteCommands(IAnsiConsole console, IReadOnlyList<PlannedCommandDto> commands)
    {
        if (commands.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns("tin", "method", "entity", "summary");
        foreach (var c in commands)
        {
            table.AddRow(c.Tin, Esc(c.Method), Esc(c.Entity), Esc(c.Summary));
        }

        console.Write(table);
    }

    private static string StatusNames => string.Join(", ", Enum.GetValues<CompanySyncStatus>().Select(s => Name(s)));

    private static string Name<T>(T value)
        where T : struct, Enum => JsonSerializer.Serialize(value, SyncGridApiJson.Options).Trim('"');

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? string.Empty : "?" + string.Join('&', given);
    }

    private static string Esc(string? value) => value is null ? "-" : Markup.Escape(value);

    private static string Number(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
