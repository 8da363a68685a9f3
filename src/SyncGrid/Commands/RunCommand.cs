using System.CommandLine;
using Microsoft.Extensions.Hosting;
using SyncGrid.Cli.Hosting;

namespace SyncGrid.Cli.Commands;

/// <summary>
/// <c>syncgrid run</c>: a cluster member of a real installation — the silo with every configured extractor (store A's
/// replica coordinator, the store B and export topics) and the HTTP API in the same process, the schema applied first.
/// </summary>
internal static class RunCommand
{
    public static Command Build()
    {
        var config = new Option<FileInfo?>("--config") { Description = "An extra JSON configuration file, read after appsettings.json and before environment variables." };
        var noApi = new Option<bool>("--no-api") { Description = "Do not serve the HTTP API from this silo (run `syncgrid api` separately)." };
        var command = new Command("run", "Run a SyncGrid silo with every configured source and the HTTP API (Api:Token required). Configuration: appsettings.json, --config, environment variables (ConnectionStrings__MariaDb, Kafka__BootstrapServers, Sources__StoreA__ConnectionString, Bitrix24__WebhookUrl, Register__BaseUrl, Register__ApiKey, Api__Token, …).")
        {
            config, noApi,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?> { ["Api:Enabled"] = parse.GetValue(noApi) ? "false" : "true" };
            using var host = SiloHost.Build(parse.GetValue(config), parse.UnmatchedTokens.ToArray(), overrides);
            await SiloHost.MigrateIfConfiguredAsync(host, cancellationToken);
            await host.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
