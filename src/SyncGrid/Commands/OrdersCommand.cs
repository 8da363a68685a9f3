using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SyncGrid.Api.Contracts;

namespace SyncGrid.Cli.Commands;

/// <summary>
/// <c>syncgrid orders status|events|incidents|intake</c>: the order flows through the HTTP API (RetailCRM orders ↔
/// Bitrix24 deals). Tables for people, <c>--json</c> for scripts; exit codes as <see cref="ApiCall"/> documents.
/// </summary>
internal static class OrdersCommand
{
    public static Command Build() => new("orders", "RetailCRM orders and their Bitrix24 deals: an order's sync state, the event log, incidents, the intake.")
    {
        Status(), Events(), Incidents(), Intake(),
    };

    private static Command Status()
    {
        var api = new ApiClientOptions();
        var key = new Argument<string>("order") { Description = "The RetailCRM order id or number (e.g. 2034 or 2034A)." };
        var by = new Option<string?>("--by") { Description = "Say whether the key is an id or a number (default: an id when it is all digits, else a number)." };
        by.AcceptOnlyFromAmong("id", "number");
        var command = api.AddTo(new Command("status", "An order's sync state: status, deal, stage, contact, company, last error, open incident, tasks.") { key, by });
        command.SetAction(async (parse, ct) =>
        {
            var call = api.Client(parse);
            var query = parse.GetValue(by) is { } b ? $"?by={b}" : string.Empty;
            var (s, code) = await call.SendAsync<OrderStateResponse>(HttpMethod.Get, $"api/v1/orders/{Uri.EscapeDataString(parse.GetRequiredValue(key))}{query}", ct);
            if (s is not null && !call.Json)
            {
                var grid = new Grid().AddColumn().AddColumn();
                void Row(string name, string? value) => grid.AddRow($"[bold]{name}[/]", Esc(value));
                Row("order", $"{s.Number} (RetailCRM id {Number(s.OrderId)}{(s.ExternalId is null ? string.Empty : $", external id {s.ExternalId}")}, site {s.Site})");
                Row("status", s.Status);
                Row("sync", s.State + (s.LastSyncedAt is { } at ? $" (last synced {Time(at)})" : string.Empty));
                Row("deal", s.DealId is { } deal ? $"{Number(deal)} in pipeline {s.CategoryId}, stage {s.StageId}" : null);
                Row("contact", s.ContactId is { } contact ? Number(contact) : null);
                Row("company", s.CompanyId is { } company ? Number(company) : null);
                Row("history id", Number(s.LastHistoryId));
                Row("tasks", s.Tasks.Count == 0 ? null : string.Join(", ", s.Tasks.Select(t => Number(t))));
                Row("pending status", s.PendingStatus);
                Row("last error", s.LastError is null ? null : $"{s.LastError} (attempt {s.Attempts}{(s.NextAttemptAt is { } next ? $", next {Time(next)}" : string.Empty)})");
                Row("open incident", s.OpenIncident);
                call.Console().Write(grid);
            }

            return code;
        });
        return command;
    }

    private static Command Events()
    {
        var api = new ApiClientOptions();
        var order = new Option<long?>("--order") { Description = "Only the events of this RetailCRM order id." };
        var kind = new Option<string?>("--kind") { Description = "Only this kind (history.batch, order.change, deal.add, deal.update, status.push, deal.event, …)." };
        var result = new Option<string?>("--result") { Description = "Only this result: ok, skipped, failed, unknown." };
        var before = new Option<long?>("--before") { Description = "Only events older than this id (the 'next' of the previous page)." };
        var limit = new Option<int>("--limit") { Description = "Events per page, 1 to 1000.", DefaultValueFactory = _ => 50 };
        var command = api.AddTo(new Command("events", "The event log of the order flows, newest first: every inbound and outbound event with its payload reference, result, error and timing.")
        {
            order, kind, result, before, limit,
        });
        command.SetAction(async (parse, ct) =>
        {
            var call = api.Client(parse);
            var query = Query(("orderId", parse.GetValue(order)?.ToString(CultureInfo.InvariantCulture)), ("kind", parse.GetValue(kind)), ("result", parse.GetValue(result)),
                ("before", parse.GetValue(before)?.ToString(CultureInfo.InvariantCulture)), ("limit", parse.GetValue(limit).ToString(CultureInfo.InvariantCulture)));
            var (page, code) = await call.SendAsync<OrderEventPage>(HttpMethod.Get, "api/v1/orders/events" + query, ct);
            if (page is not null && !call.Json)
            {
                var table = new Table().AddColumns("id", "at", "dir", "system", "kind", "order", "deal", "payload", "result", "ms", "error");
                foreach (var e in page.Items)
                {
                    table.AddRow(Number(e.Id), Time(e.At), e.Direction, e.System, e.Kind, Number(e.OrderId), Number(e.DealId), Esc(e.PayloadRef), e.Result, Number(e.DurationMs), Esc(e.Error));
                }

                var console = call.Console();
                console.Write(table);
                console.WriteLine(page.NextBefore is null ? $"{page.Items.Count} events (last page)" : $"{page.Items.Count} events; next page: --before {page.NextBefore}");
            }

            return code;
        });
        return command;
    }

    private static Command Incidents()
    {
        var api = new ApiClientOptions();
        var all = new Option<bool>("--all") { Description = "Closed incidents too (default: open ones only)." };
        var order = new Option<long?>("--order") { Description = "Only the incidents of this RetailCRM order id." };
        var id = new Option<string?>("--id") { Description = "One incident, with its history." };
        var command = api.AddTo(new Command("incidents", "Incidents of the order flows: what failed, since when, how often, whether the one alert went out; or one incident's history.") { all, order, id });
        command.SetAction(async (parse, ct) =>
        {
            var call = api.Client(parse);
            if (parse.GetValue(id) is { Length: > 0 } one)
            {
                var (incident, oneCode) = await call.SendAsync<OrderIncidentDto>(HttpMethod.Get, $"api/v1/orders/incidents/{Uri.EscapeDataString(one)}", ct);
                if (incident is not null && !call.Json)
                {
                    var console = call.Console();
                    console.Write(IncidentTable([incident]));
                    var history = new Table().AddColumns("at", "what", "detail");
                    foreach (var line in incident.History ?? [])
                    {
                        history.AddRow(Time(line.At), Esc(line.What), Esc(line.Detail));
                    }

                    console.Write(history);
                }

                return oneCode;
            }

            var query = Query(("state", parse.GetValue(all) ? "all" : "open"), ("orderId", parse.GetValue(order)?.ToString(CultureInfo.InvariantCulture)));
            var (incidents, code) = await call.SendAsync<List<OrderIncidentDto>>(HttpMethod.Get, "api/v1/orders/incidents" + query, ct);
            if (incidents is not null && !call.Json)
            {
                var console = call.Console();
                console.Write(IncidentTable(incidents));
                console.WriteLine($"{incidents.Count} incidents");
            }

            return code;
        });
        return command;
    }

    private static Command Intake()
    {
        var api = new ApiClientOptions();
        var account = new Option<string?>("--account") { Description = "The RetailCRM account (Orders:Account); default retailcrm." };
        var command = api.AddTo(new Command("intake", "Where the order intake stands (last processed history id, counts) and the event-log counts by direction, system, kind and result.") { account });
        command.SetAction(async (parse, ct) =>
        {
            var call = api.Client(parse);
            var (intake, code) = await call.SendAsync<OrderIntakeResponse>(HttpMethod.Get, "api/v1/orders/intake" + Query(("account", parse.GetValue(account))), ct);
            if (intake is not null && !call.Json)
            {
                var console = call.Console();
                console.WriteLine($"{intake.Account}: history up to {Number(intake.LastHistoryId)}; {Number(intake.RecordsRead)} records in {Number(intake.Batches)} batches, "
                    + $"{Number(intake.OrdersHandedOver)} order changes handed over, {Number(intake.OwnWritesSkipped)} own writes skipped; last poll {(intake.LastPollAt is { } at ? Time(at) : "-")}{(intake.LastError is null ? string.Empty : $"; last error: {intake.LastError}")}");
                var table = new Table().AddColumns("direction/system/kind/result", "events");
                foreach (var (name, n) in intake.EventCounts)
                {
                    table.AddRow(Esc(name), Number(n));
                }

                console.Write(table);
            }

            return code;
        });
        return command;
    }

    private static Table IncidentTable(IEnumerable<OrderIncidentDto> incidents)
    {
        var table = new Table().AddColumns("id", "order", "scope", "code", "title", "opened", "closed", "failures", "alerted", "last error");
        foreach (var i in incidents)
        {
            table.AddRow(Esc(i.Id), Number(i.OrderId), i.Scope, Esc(i.Code), Esc(i.Title), Time(i.OpenedAt), i.ClosedAt is { } closed ? Time(closed) : "open", Number(i.Failures), i.Alerted ? "yes" : "no", Esc(i.LastError));
        }

        return table;
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? string.Empty : "?" + string.Join('&', given);
    }

    private static string Esc(string? value) => value is null ? "-" : Markup.Escape(value);

    private static string Number(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
