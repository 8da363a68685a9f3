using System.Text;
using System.Text.Json;
using SyncGrid.Kafka.Mock;

namespace SyncGrid.Cli.Tests;

public sealed class ImportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("syncgrid-import-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<string> ExportAsync(int partners, Encoding? encoding = null)
    {
        var path = Path.Combine(_dir, "export.json");
        var items = Enumerable.Range(0, partners).Select(i => $$$"""{"partnerId":"P{{{i}}}","name":"ООО Ромашка {{{i}}}","taxNumbers":{"inn":"7707083893"}}""");
        await File.WriteAllTextAsync(path, "{\"exportedAt\":\"2026-09-30T23:00:00Z\",\"partners\":[" + string.Join(",", items) + "]}", encoding ?? new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public async Task Import_NoKafkaConfigured_FailsNamingTheSetting()
    {
        var path = await ExportAsync(3);

        var (code, _, error) = await CliRunner.RunAsync("import", path, "--checkpoint-dir", Path.Combine(_dir, "c"));

        Assert.Equal(2, code);
        Assert.Contains("Kafka:BootstrapServers", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFileOrUnknownEncoding_IsAUsageError()
    {
        var path = await ExportAsync(3);

        var missing = await CliRunner.RunAsync("import", Path.Combine(_dir, "nope.json"), "--bootstrap-servers", "localhost:1");
        var encoding = await CliRunner.RunAsync("import", path, "--bootstrap-servers", "localhost:1", "--encoding", "klingon");

        Assert.Equal((2, 2), (missing.ExitCode, encoding.ExitCode));
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
        Assert.Contains("klingon", encoding.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ToTheMockCluster_PublishesThenResumesAsAlreadyCompleted()
    {
        using var kafka = new MockKafkaCluster(1);
        kafka.CreateTopic("syncgrid.store-b-exports", 2);
        var path = await ExportAsync(250);
        string[] args = ["import", path, "--bootstrap-servers", kafka.BootstrapServers, "--checkpoint-dir", Path.Combine(_dir, "checkpoints"), "--batch", "100", "--json"];

        var first = await CliRunner.RunAsync(args);
        var second = await CliRunner.RunAsync(args);

        Assert.True(first.ExitCode == 0, first.Error);
        using var json = JsonDocument.Parse(first.Output);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(("completed", 250, 3), (summary.GetProperty("outcome").GetString(), summary.GetProperty("published").GetInt32(), summary.GetProperty("batches").GetInt32()));
        Assert.Equal("syncgrid.store-b-exports", summary.GetProperty("topic").GetString());
        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "checkpoints"), "store-b-export.*.json"));
        Assert.Equal(0, second.ExitCode);
        using var again = JsonDocument.Parse(second.Output);
        Assert.Equal("already-completed", again.RootElement.GetProperty("summary").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Import_Windows1251File_IsTranscoded()
    {
        using var kafka = new MockKafkaCluster(1);
        kafka.CreateTopic("syncgrid.store-b-exports", 1);
        var path = await ExportAsync(30, SyncGrid.Domain.Text.SourceText.Windows1251);

        var (code, output, error) = await CliRunner.RunAsync("import", path, "--encoding", "windows-1251", "--bootstrap-servers", kafka.BootstrapServers, "--checkpoint-dir", Path.Combine(_dir, "c"), "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal((30, 0), (json.RootElement.GetProperty("summary").GetProperty("published").GetInt32(), json.RootElement.GetProperty("summary").GetProperty("rejected").GetInt32()));
    }

    [Fact]
    public async Task Import_WithoutJson_PrintsProgressAndASummaryTable()
    {
        using var kafka = new MockKafkaCluster(1);
        kafka.CreateTopic("imports.syncgrid.store-b-exports", 1);
        var path = await ExportAsync(20);

        var (code, output, error) = await CliRunner.RunAsync("import", path, "--bootstrap-servers", kafka.BootstrapServers, "--checkpoint-dir", Path.Combine(_dir, "c"), "--topic", "imports.syncgrid.store-b-exports");

        Assert.True(code == 0, error);
        Assert.Contains("records/s", output, StringComparison.Ordinal);
        Assert.Contains("Completed", output, StringComparison.Ordinal);
        Assert.Contains("imports.syncgrid.store-b-exports", output, StringComparison.Ordinal);
    }
}
