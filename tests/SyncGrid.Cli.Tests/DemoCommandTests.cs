using System.Text.Json;
using SyncGrid.Cli.Demo;

namespace SyncGrid.Cli.Tests;

/// <summary>
/// The main job end to end: <c>syncgrid demo</c> at a small scale generates data, starts store A in a private MariaDB
/// server, the mock Kafka cluster, both sandboxes and a silo, feeds all three extractors and must pass its own final
/// check against the generator's expected outcome (needs the MariaDB binaries, which the test command installs).
/// </summary>
[Trait("Category", "Integration")]
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_SmallScale_FinalCheckPasses()
    {
        Assert.True(EmbeddedMariaDb.WhyUnavailable() is null, $"this test needs MariaDB installed: {EmbeddedMariaDb.WhyUnavailable()}");

        var (code, output, error) = await CliRunner.RunAsync("demo", "--scale", "300", "--seed", "7", "--timeout-minutes", "8", "--json");

        Assert.True(code == 0, $"exit {code}: {error}{Environment.NewLine}{output}");
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("passed").GetBoolean(), output);
        Assert.False(json.RootElement.TryGetProperty("storeASkipped", out _), output);
        Assert.True(json.RootElement.GetProperty("portal").GetProperty("company").GetInt32() > 250, output);
    }

    [Fact]
    public async Task Demo_BadScale_ExitCode2WithTheReason()
    {
        var (code, _, error) = await CliRunner.RunAsync("demo", "--scale", "huge");

        Assert.Equal(2, code);
        Assert.Contains("--scale", error, StringComparison.Ordinal);
    }
}
