using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SyncGrid.Cli.Bench;

namespace SyncGrid.Cli.Commands;

/// <summary><c>syncgrid bench orders</c>: a day of a shop's orders end to end against both sandboxes at their default limits.</summary>
internal static class OrdersBenchCommand
{
    public static Command Build()
    {
        var orders = new Option<int>("--orders") { Description = "Orders in the generated day.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated day.", DefaultValueFactory = _ => 1 };
        var enterprise = new Option<bool>("--enterprise") { Description = "An enterprise Bitrix24 plan (burst 250, 5 requests/s) instead of a standard one (50, 2/s)." };
        var connection = new Option<string?>("--connection") { Description = "Run the silo on this MariaDB database (created when missing) instead of in memory." };
        var timeout = new Option<int>("--timeout-minutes") { Description = "Give up after this long.", DefaultValueFactory = _ => 60 };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var command = new Command("orders", "A day of a shop's RetailCRM orders into Bitrix24 deals end to end against both sandboxes at their default limits: orders/s, requests, exactness, event-log counts.")
        {
            orders, seed, enterprise, connection, timeout, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var result = await OrdersBenchmark.RunAsync(
                new OrdersBenchSettings(parse.GetValue(orders), parse.GetValue(seed), parse.GetValue(enterprise), parse.GetValue(connection), TimeSpan.FromMinutes(parse.GetValue(timeout))),
                parse.GetValue(json) ? TextWriter.Null : output,
                cancellationToken);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(output, result);
                return 0;
            }

            static string N(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
            var table = new Table().AddColumns("figure", "value");
            table.AddRow("orders/s end to end", N(result.OrdersPerSecond, "N2"));
            table.AddRow("orders / seconds", $"{N(result.Orders)} / {N(result.Seconds, "N1")}");
            table.AddRow("history records / intake batches", $"{N(result.HistoryRecords)} / {N(result.IntakeBatches)}");
            table.AddRow("deals (one per order) / duplicates by ORIGIN_ID", $"{N(result.Deals)} / {N(result.OriginDuplicates)}");
            table.AddRow("contacts / people / contacts of the orders", $"{N(result.Contacts)} / {N(result.People)} / {N(result.DistinctContactsOfOrders)}");
            table.AddRow("tasks / cancelled or returned orders", $"{N(result.Tasks)} / {N(result.FailedOrders)}");
            table.AddRow("Bitrix24 requests / commands / requests/s / limit errors", $"{N(result.Bitrix24Requests)} / {N(result.Bitrix24Commands)} / {N(result.Bitrix24RequestsPerSecond, "N2")} / {N(result.Bitrix24LimitErrors)}");
            table.AddRow("RetailCRM requests / limit hits", $"{N(result.RetailCrmRequests)} / {N(result.RetailCrmLimitHits)}");
            var console = CliOutput.Console(output);
            console.Write(table);
            var events = new Table().AddColumns("event log: direction/system/kind/result", "events");
            foreach (var (name, count) in result.EventCounts)
            {
                events.AddRow(Markup.Escape(name), N(count));
            }

            console.Write(events);
            return result.Deals == result.Orders && result.OriginDuplicates == 0 && result.DistinctContactsOfOrders == result.People ? 0 : 1;
        });
        return command;
    }
}
