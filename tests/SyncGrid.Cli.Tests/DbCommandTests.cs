namespace SyncGrid.Cli.Tests;

// The tests clear the connection-string environment variables for their duration; xUnit runs the tests of one
// class one after another, and no other test class reads these variables.
public class DbCommandTests
{
    private static readonly string[] ConnectionVariables = ["ConnectionStrings__MariaDb", "ConnectionStrings:MariaDb"];

    [Fact]
    public async Task Migrate_NoConnectionStringAnywhere_ExitsTwoAndSaysWhatToSet()
    {
        var (code, output, error) = await WithoutConnectionVariablesAsync(() => CliRunner.RunAsync("db", "migrate"));

        Assert.True(code == 2, $"expected exit code 2, got {code}; error: {error}");
        Assert.Contains("--connection", error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__MariaDb", error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:MariaDb", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Migrate_ConnectionStringWithoutDatabase_ExitsTwoAndMasksThePassword()
    {
        var (code, output, error) = await WithoutConnectionVariablesAsync(() => CliRunner.RunAsync(
            "db", "migrate", "--connection", "Server=127.0.0.1;Port=1;User ID=someone;Password=s3cret-Pa55"));

        Assert.True(code == 2, $"expected exit code 2, got {code}; error: {error}");
        Assert.Contains("Database=", error, StringComparison.Ordinal);
        Assert.Contains("Password=*****", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-Pa55", error + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_MalformedConnectionString_ExitsTwo()
    {
        var (code, _, error) = await WithoutConnectionVariablesAsync(() => CliRunner.RunAsync("db", "migrate", "--connection", "NoSuchOption=1"));

        Assert.True(code == 2, $"expected exit code 2, got {code}; error: {error}");
        Assert.Contains("malformed", error, StringComparison.Ordinal);
    }

    private static async Task<T> WithoutConnectionVariablesAsync<T>(Func<Task<T>> run)
    {
        var saved = ConnectionVariables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var variable in ConnectionVariables)
            {
                Environment.SetEnvironmentVariable(variable, null);
            }

            return await run();
        }
        finally
        {
            foreach (var (variable, value) in saved)
            {
                Environment.SetEnvironmentVariable(variable, value);
            }
        }
    }
}
