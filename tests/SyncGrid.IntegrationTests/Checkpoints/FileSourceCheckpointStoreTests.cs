using SyncGrid.Sources.Import;
using SyncGrid.Storage.Checkpoints;

namespace SyncGrid.IntegrationTests.Checkpoints;

/// <summary>The file checkpoint store against the shared contract, plus what a directory of files adds: restarts, torn files.</summary>
public sealed class FileSourceCheckpointStoreTests : SourceCheckpointStoreContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("syncgrid-checkpoints-").FullName;
    private readonly FileSourceCheckpointStore _store;

    public FileSourceCheckpointStoreTests() => _store = new FileSourceCheckpointStore(Path.Combine(_dir, "nested", "checkpoints"));

    protected override ISourceCheckpointStore Store => _store;

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task SaveAsync_ThenANewStoreOverTheSameDirectory_ReadsIt()
    {
        var identity = NewIdentity();
        await _store.SaveAsync(Checkpoint(identity, 12_345));

        using var restarted = new FileSourceCheckpointStore(_store.Location);

        Assert.Equal(Checkpoint(identity, 12_345), await restarted.GetAsync("store-b-export", identity));
        Assert.Empty(Directory.GetFiles(_store.Location, "*.tmp"));
    }

    [Fact]
    public async Task GetAsync_TornFile_FailsNamingTheFileAndTheWayOut()
    {
        var identity = NewIdentity();
        await File.WriteAllTextAsync(Path.Combine(_store.Location, $"store-b-export.{identity}.json"), "{\"source\":\"store-b-exp");

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => _store.GetAsync("store-b-export", identity));
        Assert.Contains(identity, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--restart", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_TornFile_FailsNamingIt_TemporaryFilesIgnored()
    {
        var source = NewSource();
        await _store.SaveAsync(Checkpoint(NewIdentity(), 5) with { Source = source });
        await File.WriteAllTextAsync(Path.Combine(_store.Location, $"{source}.{NewIdentity()}.json.tmp"), "{\"source\":");
        Assert.Single(await _store.ListAsync(source, 10));

        var torn = NewIdentity();
        await File.WriteAllTextAsync(Path.Combine(_store.Location, $"{source}.{torn}.json"), "{\"source\":");

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => _store.ListAsync(source, 10));
        Assert.Contains(torn, ex.Message, StringComparison.Ordinal);
    }
}
