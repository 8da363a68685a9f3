using System.Text.Json;

namespace SyncGrid.Cli.Tests;

public class ImportBenchCommandTests
{
    [Fact]
    public async Task BenchImport_SmallFile_KilledAtHalfResumesWithAtMostOneBatchRepublished()
    {
        var (code, output, error) = await CliRunner.RunAsync("bench", "import", "--size-mb", "4", "--batch", "200", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var partners = root.GetProperty("partners").GetInt64();
        Assert.True(partners > 1000, $"partners: {partners}");
        Assert.InRange(root.GetProperty("killedAtFraction").GetDouble(), 0.5, 0.9);
        Assert.InRange(root.GetProperty("recordsPublishedTwice").GetInt64(), 0, 200);
        Assert.Equal(partners + root.GetProperty("recordsPublishedTwice").GetInt64(), root.GetProperty("recordsAcknowledged").GetInt64());
        Assert.True(root.GetProperty("resumeJumped").GetBoolean());
        Assert.True(root.GetProperty("recordsPerSecond").GetDouble() > 0);
        Assert.False(root.TryGetProperty("keptDirectory", out _));
    }
}
