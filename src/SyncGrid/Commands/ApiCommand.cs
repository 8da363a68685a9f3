using System.CommandLine;
using Microsoft.Extensions.Hosting;
using SyncGrid.Cli.Hosting;

namespace SyncGrid.Cli.Commands;

/// <summary><c>syncgrid api</c>: serves the HTTP API as an Orleans client of the configured cluster until stopped.</summary>
internal static class ApiCommand
{
    public static Command Build()
    {
        var config = new Option<FileInfo?>("--config") { Description = "An extra JSON configuration file, read after appsettings.json and before environment variables." };
        var command = new Command("api", "Serve the HTTP API (OpenAPI at /openapi/v1.json) on Api:Urls (default http://localhost:5080) as a client of the cluster configured like the silo (ConnectionStrings__MariaDb, else the localhost gateway on Grid:GatewayPort). Api:Token (Api__Token) is required.")
        {
            config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = ApiHosting.Build(parse.GetValue(config), parse.UnmatchedTokens.ToArray());
            await host.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
