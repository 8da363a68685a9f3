using System.CommandLine;
using System.Globalization;
using MySqlConnector;
using Spectre.Console;
using SyncGrid.Storage.Schema;

namespace SyncGrid.Cli.Commands;

/// <summary>
/// <c>syncgrid db migrate [--connection &lt;connection string&gt;] [--json]</c>: creates the MariaDB database when
/// missing and applies every embedded schema script not yet applied. Exit code 0 on success, 1 when the migration
/// failed, 2 when no usable connection string was given.
/// </summary>
internal static class DbCommand
{
    /// <summary>The configuration key read when <c>--connection</c> is absent.</summary>
    public const string ConfigurationKey = "ConnectionStrings:MariaDb";

    /// <summary>The environment variable that sets <see cref="ConfigurationKey"/> (.NET maps <c>__</c> to <c>:</c>).</summary>
    public const string EnvironmentVariable = "ConnectionStrings__MariaDb";

    public static Command Build()
    {
        var connection = new Option<string>("--connection")
        {
            Description = $"MariaDB connection string including Database=...; default: the configuration key {ConfigurationKey} (environment variable {EnvironmentVariable}).",
        };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var migrate = new Command("migrate", "Create the database when missing and apply the embedded schema scripts not yet applied (Orleans clustering, grain storage, reminders, SyncGrid tables).")
        {
            connection, json,
        };
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var connectionString = Resolve(parse.GetValue(connection));
            if (connectionString is null)
            {
                await error.WriteLineAsync(
                    $"No MariaDB connection string. Pass --connection \"Server=<host>;Port=3306;Database=<name>;User ID=<user>;Password=<password>\" "
                    + $"or set the environment variable {EnvironmentVariable} (configuration key {ConfigurationKey}).");
                return 2;
            }

            MySqlConnectionStringBuilder parsed;
            try
            {
                parsed = new MySqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync($"The MariaDB connection string is malformed: {ex.Message}");
                return 2;
            }

            var masked = Mask(parsed);
            if (string.IsNullOrWhiteSpace(parsed.Database))
            {
                await error.WriteLineAsync($"The MariaDB connection string names no database: add Database=<name> (it is created when missing). Connection: {masked}");
                return 2;
            }

            MigrationReport report;
            try
            {
                report = await SchemaMigrator.MigrateAsync(connectionString, cancellationToken: cancellationToken);
            }
            catch (SchemaMigrationException ex)
            {
                await error.WriteLineAsync($"Migration failed: {ex.Message} Connection: {masked}");
                return 1;
            }

            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(output, new MigrateOutput(masked, report));
            }
            else
            {
                WriteTable(output, masked, report);
            }

            return 0;
        });

        return new Command("db", "MariaDB schema tools.") { migrate };
    }

    private static string? Resolve(string? option)
    {
        foreach (var candidate in new[] { option, Environment.GetEnvironmentVariable(EnvironmentVariable), Environment.GetEnvironmentVariable(ConfigurationKey) })
        {
            if (!string.IsNullOrWhiteSpace(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Mask(MySqlConnectionStringBuilder parsed)
    {
        var builder = new MySqlConnectionStringBuilder(parsed.ConnectionString);
        if (!string.IsNullOrEmpty(builder.Password))
        {
            builder.Password = "*****";
        }

        return builder.ConnectionString;
    }

    private static void WriteTable(TextWriter output, string masked, MigrationReport report)
    {
        output.WriteLine($"database {report.Database}{(report.DatabaseCreated ? " (created)" : string.Empty)} via {masked}");
        var console = CliOutput.Console(output);
        var table = new Table().AddColumns("script", "outcome", "statements", "ms", "checksum");
        foreach (var script in report.Scripts)
        {
            table.AddRow(
                Markup.Escape(script.Script),
                script.Outcome switch
                {
                    MigrationOutcome.Applied => "[green]applied[/]",
                    MigrationOutcome.Reapplied => "[yellow]reapplied[/]",
                    _ => "skipped",
                },
                script.Statements.ToString(CultureInfo.InvariantCulture),
                script.Duration.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture),
                script.Checksum[..12]);
        }

        console.Write(table);
        foreach (var warning in report.Warnings)
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        }

        console.WriteLine($"{report.Applied.Count} applied, {report.Skipped.Count} skipped");
    }

    private sealed record MigrateOutput(string Connection, MigrationReport Report);
}
