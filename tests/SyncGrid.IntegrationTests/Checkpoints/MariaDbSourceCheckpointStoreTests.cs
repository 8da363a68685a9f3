using SyncGrid.IntegrationTests.Sql;
using SyncGrid.Sources.Import;
using SyncGrid.Storage.Checkpoints;
using SyncGrid.Testing;

namespace SyncGrid.IntegrationTests.Checkpoints;

/// <summary>The MariaDB checkpoint store against the shared contract, on a migrated database.</summary>
[Trait("Category", "Integration")]
public sealed class MariaDbSourceCheckpointStoreTests(MigratedDatabase database) : SourceCheckpointStoreContract, IClassFixture<MigratedDatabase>
{
    protected override ISourceCheckpointStore Store { get; } = new MariaDbSourceCheckpointStore(new MariaDbSourceCheckpointStoreOptions { ConnectionString = database.ConnectionString });

    [Fact]
    public async Task Schema_KeyedBySourceAndIdentity()
    {
        var keys = await database.QueryAsync(
            "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'syncgrid_source_checkpoint' AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX");
        Assert.Equal(["source", "identity"], keys.Select(k => (string)k["COLUMN_NAME"]!));
    }

    [Fact]
    public async Task SaveAsync_ConcurrentWritersOfOneFile_TheFurthestWins()
    {
        var identity = NewIdentity();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Store.SaveAsync(Checkpoint(identity, i * 100))));

        Assert.Equal(Checkpoint(identity, 3900), await Store.GetAsync("store-b-export", identity));
    }

    [Fact]
    public async Task GetAsync_DatabaseWithoutTheSchema_SaysToMigrate()
    {
        await using var empty = await TestDatabase.CreateAsync("ckpt");
        var store = new MariaDbSourceCheckpointStore(new MariaDbSourceCheckpointStoreOptions { ConnectionString = empty.ConnectionString });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetAsync("store-b-export", NewIdentity()));
        Assert.Contains("syncgrid db migrate", ex.Message, StringComparison.Ordinal);
    }
}
