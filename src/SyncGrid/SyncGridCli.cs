using System.CommandLine;
using SyncGrid.Cli.Commands;

namespace SyncGrid.Cli;

/// <summary>The <c>syncgrid</c> command tree.</summary>
public static class SyncGridCli
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("SyncGrid: keeps a Bitrix24 portal filled with clean, deduplicated, register-validated companies and contacts.");
        root.Add(TinCommand.Build());
        root.Add(NormalizeCommand.Build());
        root.Add(BenchCommand.Build());
        root.Add(SiloCommand.Build());
        root.Add(DbCommand.Build());
        root.Add(SandboxCommand.Build());
        root.Add(ApiCommand.Build());
        root.Add(OrdersCommand.Build());
        root.Add(ImportCommand.Build());
        foreach (var command in GridClientCommands.Build())
        {
            root.Add(command);
        }

        root.Add(GenerateCommand.Build());
        root.Add(DemoCommand.Build());
        root.Add(RunCommand.Build());
        return root;
    }

    /// <summary>Parses and runs; returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var parsed = Build().Parse(args);
        var configuration = new InvocationConfiguration();
        if (output is not null)
        {
            configuration.Output = output;
        }

        if (error is not null)
        {
            configuration.Error = error;
        }

        return parsed.InvokeAsync(configuration);
    }
}
