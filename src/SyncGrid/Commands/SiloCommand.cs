using System.CommandLine;
using Microsoft.Extensions.Hosting;
using SyncGrid.Cli.Hosting;

namespace SyncGrid.Cli.Commands;

/// <summary><c>syncgrid silo</c>: runs one cluster member until stopped (Ctrl+C or SIGTERM).</summary>
internal static class SiloCommand
{
    public static Command Build()
    {
        var config = new Option<FileInfo?>("--config") { Description = "An extra JSON configuration file, read after appsettings.json and before environment variables." };
        var command = new Command("silo", "Run a SyncGrid silo. Configuration: appsettings.json, --config, environment variables (ConnectionStrings__MariaDb, Grid__ClusterId, Grid__SiloPort, …). Without ConnectionStrings:MariaDb it runs on the embedded default (localhost clustering, in-memory state).")
        {
            config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = SiloHost.Build(parse.GetValue(config), parse.UnmatchedTokens.ToArray());
            await SiloHost.MigrateIfConfiguredAsync(host, cancellationToken);
            await host.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
