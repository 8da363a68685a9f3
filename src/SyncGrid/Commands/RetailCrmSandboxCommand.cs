using System.CommandLine;
using SyncGrid.Sandbox.RetailCrm;

namespace SyncGrid.Cli.Commands;

/// <summary><c>syncgrid sandbox retailcrm [--port N]</c>: a faithful RetailCRM account on loopback until Ctrl+C; prints its API key.</summary>
internal static class RetailCrmSandboxCommand
{
    public static Command Build()
    {
        var port = new Option<int>("--port") { Description = "Loopback port; 0 picks a free one.", DefaultValueFactory = _ => 0 };
        var apiKey = new Option<string?>("--api-key") { Description = "SyncGrid's API key; default: environment SYNCGRID_SANDBOX_RETAILCRM_API_KEY, else random per start." };
        var shopKey = new Option<string?>("--shop-api-key") { Description = "The shop's API key (its changes are not SyncGrid's own); default: random per start." };
        var rate = new Option<double>("--rps") { Description = "Requests per second before 503 (the account's limit).", DefaultValueFactory = _ => 10 };
        var empty = new Option<bool>("--empty") { Description = "Start with sites and statuses only, without the built-in shop's customers and orders." };
        var generate = new Option<int>("--generate") { Description = "Generate a day of a shop's order flow with this many orders at start.", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated day.", DefaultValueFactory = _ => 1 };
        var faultRate = new Option<double>("--fault-rate") { Description = "Share of requests answered with an injected 5xx or a dropped connection.", DefaultValueFactory = _ => 0 };
        var bind = new Option<string>("--bind") { Description = "Address to listen on (0.0.0.0 in a container).", DefaultValueFactory = _ => "127.0.0.1" };
        var host = new Option<string>("--advertised-host") { Description = "Host name put in the printed base URL.", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("retailcrm", "Run a faithful RetailCRM account (API v5: orders, history, statuses, customers, order edit; 10 requests/s; fault knobs and manager actions at /_sandbox/).")
        {
            port, apiKey, shopKey, rate, empty, generate, seed, faultRate, bind, host,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            await using var sandbox = await RetailCrmSandbox.StartAsync(
                new RetailCrmSandboxOptions
                {
                    Port = parse.GetValue(port),
                    ApiKey = parse.GetValue(apiKey) ?? (Environment.GetEnvironmentVariable("SYNCGRID_SANDBOX_RETAILCRM_API_KEY") is { Length: > 0 } key ? key : null),
                    ShopApiKey = parse.GetValue(shopKey),
                    RequestsPerSecond = parse.GetValue(rate),
                    BuiltInShop = !parse.GetValue(empty),
                    BindAddress = System.Net.IPAddress.Parse(parse.GetValue(bind)!),
                    AdvertisedHost = parse.GetValue(host)!,
                    ConfigureFaults = f => f.Rate = parse.GetValue(faultRate),
                },
                cancellationToken);
            if (parse.GetValue(generate) is > 0 and var orders)
            {
                var report = sandbox.GenerateShopDay(new RetailCrmShopDay { Orders = orders, Seed = parse.GetValue(seed) });
                await output.WriteLineAsync($"Generated a day: {report.Orders} orders by {report.People} people, {report.RepeatPurchases} repeat purchases, {report.Edits} edits, {report.Cancellations} cancellations, {report.Returns} returns, {report.Resends} resends.");
            }

            var inspection = sandbox.Inspect();
            await output.WriteLineAsync($"RetailCRM sandbox: {inspection.Orders} orders, {inspection.Customers} customers, history up to {inspection.LastHistoryId}");
            await output.WriteLineAsync($"RetailCrm__BaseUrl={sandbox.BaseUrl}");
            await output.WriteLineAsync($"RetailCrm__ApiKey={sandbox.ApiKey}");
            await output.WriteLineAsync($"Shop API key (changes not made by SyncGrid): {sandbox.ShopApiKey}");
            await output.WriteLineAsync($"Control and inspection: {sandbox.BaseUrl}/_sandbox/inspect  — Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop the sandbox.
            }

            return 0;
        });
        return command;
    }
}
