using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Cli.Hosting;
using SyncGrid.Sandbox.Bitrix24;
using SyncGrid.Sandbox.RetailCrm;

namespace SyncGrid.Cli.Bench;

/// <summary>
/// A day of a shop's orders end to end against both sandboxes at their default limits (RetailCRM 10 requests/s; a
/// standard Bitrix24 plan, burst 50 and 2 requests/s): the RetailCRM sandbox is filled with the day, a silo runs the
/// order flows from history id 0 until every order's deal holds its status, and the run reports orders/s, the requests
/// each system served, exactness (deals per order, contacts per person, tasks, duplicates) and the event-log counts.
/// </summary>
internal static class OrdersBenchmark
{
    public static async Task<OrdersBenchResult> RunAsync(OrdersBenchSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        await using var retail = await RetailCrmSandbox.StartAsync(new RetailCrmSandboxOptions { BuiltInShop = false, RandomSeed = settings.Seed }, cancellationToken);
        await using var portal = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions
        {
            Plan = settings.Enterprise ? Bitrix24Plan.Enterprise : Bitrix24Plan.Standard,
            WaitForLatency = false,
            RandomSeed = settings.Seed,
        }, cancellationToken);
        var day = retail.GenerateShopDay(new RetailCrmShopDay { Orders = settings.Orders, Seed = settings.Seed, CorporateShare = 0 });
        var history = retail.Inspect().LastHistoryId;
        progress.WriteLine($"a day of {day.Orders:N0} orders by {day.People:N0} people ({day.RepeatPurchases:N0} repeat purchases, {day.Edits:N0} edits, {day.Cancellations:N0} cancellations, {day.Returns:N0} returns, {day.Resends:N0} resends): {history:N0} history records");

        var overrides = new Dictionary<string, string?>
        {
            ["Grid:SiloPort"] = LoopbackPorts.Free(),
            ["Grid:GatewayPort"] = LoopbackPorts.Free(),
            ["Bitrix24:WebhookUrl"] = portal.WebhookUrl.ToString(),
            ["Bitrix24:BurstLimit"] = settings.Enterprise ? "250" : "50",
            ["Bitrix24:DrainPerSecond"] = settings.Enterprise ? "5" : "2",
            ["RetailCrm:BaseUrl"] = retail.BaseUrl,
            ["RetailCrm:ApiKey"] = retail.ApiKey,
            ["Orders:Enabled"] = "true",
            ["Orders:PollInterval"] = "00:00:01",
            ["Orders:DealPollInterval"] = "00:01:00",
            ["Orders:Managers:11"] = "11",
            ["Orders:Managers:12"] = "12",
            ["Orders:Managers:13"] = "13",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in OrdersSandboxStatusMap.Settings())
        {
            overrides[key] = value;
        }

        if (settings.ConnectionString is { } connection)
        {
            overrides["ConnectionStrings:MariaDb"] = connection;
        }

        var stages = OrdersSandboxStatusMap.Pairs.ToDictionary(p => p.Status, p => p.Stage, StringComparer.Ordinal);
        using var host = SiloHost.Build(null, overrides: overrides);
        await SiloHost.MigrateIfConfiguredAsync(host, cancellationToken);
        var watch = Stopwatch.StartNew();
        await host.StartAsync(cancellationToken);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var orders = retail.ListOrders();
        while (true)
        {
            var states = await Task.WhenAll(orders.Select(o => grains.GetGrain<IOrderGrain>(o.Id).GetSyncStateAsync(cancellationToken)));
            var done = states.Zip(orders).Count(x => x.First.State == "synced" && x.First.Status == x.Second.Status && x.First.StageId == stages[x.Second.Status]);
            if (done == orders.Count)
            {
                break;
            }

            if (watch.Elapsed > settings.Timeout)
            {
                throw new TimeoutException($"After {settings.Timeout} {done:N0} of {orders.Count:N0} orders are synced.");
            }

            if (watch.Elapsed.TotalSeconds % 10 < 0.5)
            {
                var gateway = await grains.GetGrain<IBitrix24GatewayGrain>("default").GetStatsAsync(cancellationToken);
                progress.WriteLine($"  {watch.Elapsed:mm\\:ss} {done:N0} of {orders.Count:N0} orders synced; Bitrix24 {gateway.RequestsPerSecond:N2} requests/s, {gateway.CommandsPerSecond:N1} commands/s, queue {gateway.QueueDepth}");
            }

            await Task.Delay(500, cancellationToken);
        }

        watch.Stop();
        var stats = await grains.GetGrain<IBitrix24GatewayGrain>("default").GetStatsAsync(cancellationToken);
        var intake = await grains.GetGrain<IOrderIntakeGrain>("retailcrm").GetStateAsync(cancellationToken);
        var synced = await Task.WhenAll(orders.Select(o => grains.GetGrain<IOrderGrain>(o.Id).GetSyncStateAsync(cancellationToken)));
        var counts = await host.Services.GetRequiredService<IOrderLog>().CountEventsAsync(cancellationToken);
        await host.StopAsync(cancellationToken);
        var b24 = portal.Inspect();
        var rc = retail.Inspect();
        return new OrdersBenchResult
        {
            Orders = orders.Count,
            People = day.People,
            HistoryRecords = history,
            Seconds = watch.Elapsed.TotalSeconds,
            OrdersPerSecond = orders.Count / watch.Elapsed.TotalSeconds,
            Deals = b24.EntityCounts.GetValueOrDefault("deal"),
            Contacts = b24.EntityCounts.GetValueOrDefault("contact"),
            DistinctContactsOfOrders = synced.Select(s => s.ContactId).Distinct().Count(),
            Tasks = portal.Tasks().Count,
            FailedOrders = orders.Count(o => o.Status is "cancel-other" or "no-call" or "return"),
            OriginDuplicates = b24.OriginDuplicates.Count,
            Bitrix24Requests = b24.RequestsByMethod.Values.Sum(),
            Bitrix24Commands = b24.BatchCommandsByMethod.Values.Sum(),
            Bitrix24RequestsPerSecond = stats.RequestsPerSecond,
            Bitrix24LimitErrors = b24.QueryLimitErrors + b24.OperatingLimitErrors,
            RetailCrmRequests = rc.RequestsByRoute.Values.Sum(),
            RetailCrmLimitHits = rc.LimitHits,
            IntakeRecords = intake.RecordsRead,
            IntakeBatches = intake.Batches,
            EventCounts = new SortedDictionary<string, long>(counts.ToDictionary(), StringComparer.Ordinal),
        };
    }
}

/// <summary>Settings of <c>syncgrid bench orders</c>.</summary>
internal sealed record OrdersBenchSettings(int Orders, int Seed, bool Enterprise, string? ConnectionString, TimeSpan Timeout);

/// <summary>What <c>syncgrid bench orders</c> measured.</summary>
internal sealed record OrdersBenchResult
{
    public int Orders { get; init; }

    public int People { get; init; }

    public long HistoryRecords { get; init; }

    public double Seconds { get; init; }

    public double OrdersPerSecond { get; init; }

    public int Deals { get; init; }

    public int Contacts { get; init; }

    public int DistinctContactsOfOrders { get; init; }

    public int Tasks { get; init; }

    public int FailedOrders { get; init; }

    public int OriginDuplicates { get; init; }

    public long Bitrix24Requests { get; init; }

    public long Bitrix24Commands { get; init; }

    public double Bitrix24RequestsPerSecond { get; init; }

    public long Bitrix24LimitErrors { get; init; }

    public long RetailCrmRequests { get; init; }

    public long RetailCrmLimitHits { get; init; }

    public long IntakeRecords { get; init; }

    public long IntakeBatches { get; init; }

    public IReadOnlyDictionary<string, long> EventCounts { get; init; } = new Dictionary<string, long>();

    public string Summary => string.Create(CultureInfo.InvariantCulture, $"{Orders} orders in {Seconds:N1} s = {OrdersPerSecond:N2} orders/s");
}
