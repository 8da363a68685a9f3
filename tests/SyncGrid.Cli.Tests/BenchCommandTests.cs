using System.Text.Json;

namespace SyncGrid.Cli.Tests;

public class BenchCommandTests
{
    [Fact]
    public async Task Normalize_ShortRun_ReportsThroughputAndRejectShare()
    {
        var (code, output, _) = await CliRunner.RunAsync("bench", "normalize", "--seconds", "0.2", "--records", "500", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("records").GetInt64() >= 500);
        Assert.True(root.GetProperty("recordsPerSecond").GetDouble() > 0);
        // The sample is built with about 30 % bad TINs; the normaliser must reject those and only those.
        var rejected = root.GetProperty("rejectedShare").GetDouble();
        Assert.InRange(rejected, 0.2, 0.4);
    }
}
