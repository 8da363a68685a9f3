using System.CommandLine;

namespace SyncGrid.Cli.Commands;

/// <summary><c>syncgrid sandbox …</c>: runs a faithful sandbox of an outside system on a loopback port.</summary>
internal static class SandboxCommand
{
    public static Command Build() => new("sandbox", "Run a faithful sandbox of an outside system (a real HTTP server with the real contract, limits and faults) on loopback.")
    {
        Bitrix24SandboxCommand.Build(),
        RegisterSandboxCommand.Build(),
        RetailCrmSandboxCommand.Build(),
    };
}
