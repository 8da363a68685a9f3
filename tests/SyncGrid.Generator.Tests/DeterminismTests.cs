namespace SyncGrid.Generator.Tests;

public sealed class DeterminismTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("syncgrid-determinism-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task RunAsync_SameSeedTwice_WritesTheSameBytes()
    {
        var first = await GenerateAsync("a", seed: 11);
        var second = await GenerateAsync("b", seed: 11);

        var names = Directory.GetFiles(first).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(8, names.Count);
        Assert.Equal(names, Directory.GetFiles(second).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var name in names)
        {
            var a = await File.ReadAllBytesAsync(Path.Combine(first, name!));
            var b = await File.ReadAllBytesAsync(Path.Combine(second, name!));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{name} differs between two runs with the same seed.");
        }
    }

    [Fact]
    public async Task RunAsync_AnotherSeed_WritesOtherData()
    {
        var first = await GenerateAsync("a", seed: 11);
        var other = await GenerateAsync("c", seed: 12);

        foreach (var name in new[] { DataGenerator.FileNames.StoreASql, DataGenerator.FileNames.ExportPart1, DataGenerator.FileNames.Events, DataGenerator.FileNames.Expected })
        {
            var a = await File.ReadAllBytesAsync(Path.Combine(first, name));
            var b = await File.ReadAllBytesAsync(Path.Combine(other, name));
            Assert.False(a.AsSpan().SequenceEqual(b), $"{name} is the same for two seeds.");
        }
    }

    [Fact]
    public async Task RunAsync_InProcessOnly_ReturnsTheSameOutcomeAsWithFiles()
    {
        var dir = await GenerateAsync("d", seed: 5);
        var events = new List<GeneratedEvent>();
        var result = await new DataGenerator(new GeneratorOptions
        {
            Companies = 600,
            Seed = 5,
            OnEvent = (e, _) =>
            {
                events.Add(e);
                return ValueTask.CompletedTask;
            },
        }).RunAsync();

        var written = await File.ReadAllBytesAsync(Path.Combine(dir, DataGenerator.FileNames.Expected));
        Assert.Equal(written, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(result.Expected, DataGenerator.Json));
        Assert.Empty(result.Files);
        var lines = new List<GeneratedEvent>();
        await foreach (var e in GeneratedEventFile.ReadAsync(Path.Combine(dir, DataGenerator.FileNames.Events)))
        {
            lines.Add(e);
        }

        Assert.Equal(lines.Count, events.Count);
        Assert.All(lines.Zip(events), pair =>
        {
            Assert.Equal(pair.First.Key, pair.Second.Key);
            Assert.Equal(pair.First.Value, pair.Second.Value);
        });
    }

    private async Task<string> GenerateAsync(string name, long seed)
    {
        var dir = Path.Combine(_root, name);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await new DataGenerator(new GeneratorOptions { Companies = 600, Seed = seed, OutputDirectory = dir }).RunAsync(timeout.Token);
        return dir;
    }
}
