using System.Text.Json;

namespace SyncGrid.Cli.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("syncgrid-cli-generate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Generate_SmallScaleJson_WritesEveryFileAndTheExpectedOutcome()
    {
        var (code, output, error) = await CliRunner.RunAsync("generate", "--scale", "400", "--seed", "9", "--out", _dir, "--json");

        Assert.True(code == 0, $"exit {code}: {error}");
        using var json = JsonDocument.Parse(output);
        var expected = json.RootElement.GetProperty("expected");
        Assert.Equal(400, expected.GetProperty("scale").GetInt32());
        Assert.True(expected.GetProperty("bitrix24").GetProperty("companies").GetInt32() > 300);
        Assert.Equal(7, json.RootElement.GetProperty("files").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(_dir, "expected.json")));
        Assert.True(File.Exists(Path.Combine(_dir, "storeb-export-2026-09-30-part2.json.gz")));
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "manifest.json")));
        Assert.Equal(7, manifest.RootElement.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task Generate_Table_ShowsTheExpectedCompaniesAndContacts()
    {
        var (code, output, error) = await CliRunner.RunAsync("generate", "--scale", "demo", "--out", _dir, "--no-sql");

        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Contains("expected Bitrix24 companies", output, StringComparison.Ordinal);
        Assert.Contains("expected Bitrix24 contacts", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "storea.sql")));
    }

    [Theory]
    [InlineData("--scale", "huge")]
    [InlineData("--scale", "10")]
    public async Task Generate_BadScale_ExitsTwo(string option, string value)
    {
        var (code, _, error) = await CliRunner.RunAsync("generate", option, value, "--out", _dir);

        Assert.Equal(2, code);
        Assert.Contains("--scale", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_NowhereToWrite_ExitsTwo()
    {
        var (code, _, error) = await CliRunner.RunAsync("generate", "--scale", "demo");

        Assert.Equal(2, code);
        Assert.Contains("--out", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_StoreAWithoutDatabase_ExitsTwoWithoutWriting()
    {
        var (code, _, error) = await CliRunner.RunAsync("generate", "--out", _dir, "--store-a", "Server=127.0.0.1;User ID=x;Password=secret-pw");

        Assert.Equal(2, code);
        Assert.Contains("Database=", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
