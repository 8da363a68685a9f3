using System.Text.Json;

namespace SyncGrid.Cli.Tests;

public class TinCommandTests
{
    [Fact]
    public async Task Check_AllValid_ExitsZeroAndPrintsNormalizedTins()
    {
        var (code, output, _) = await CliRunner.RunAsync("tin", "check", " 7707 083 893 ", "ИНН 771687831332");

        Assert.Equal(0, code);
        Assert.Contains("7707083893", output, StringComparison.Ordinal);
        Assert.Contains("organization", output, StringComparison.Ordinal);
        Assert.Contains("771687831332", output, StringComparison.Ordinal);
        Assert.Contains("individual", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AnyInvalid_ExitsOneAndSaysWhy()
    {
        var (code, output, _) = await CliRunner.RunAsync("tin", "check", "7707083893", "7707083894", "--json");

        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.True(rows[0].GetProperty("valid").GetBoolean());
        Assert.False(rows[1].GetProperty("valid").GetBoolean());
        Assert.Equal("tin.checksum", rows[1].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Check_NoValue_IsAUsageError()
    {
        var (code, _, error) = await CliRunner.RunAsync("tin", "check");

        Assert.NotEqual(0, code);
        Assert.NotEmpty(error);
    }
}
