using SyncGrid.Abstractions.Rejects;
using SyncGrid.IntegrationTests.Sql;
using SyncGrid.Storage.Rejects;

namespace SyncGrid.IntegrationTests.Rejects;

/// <summary>The MariaDB rejects store against the shared contract, on a migrated database.</summary>
[Trait("Category", "Integration")]
public sealed class MariaDbRejectStoreTests : RejectStoreContract, IClassFixture<MigratedDatabase>, IAsyncDisposable
{
    private readonly MariaDbRejectStore _store;
    private readonly MigratedDatabase _database;

    public MariaDbRejectStoreTests(MigratedDatabase database)
    {
        _database = database;
        _store = new MariaDbRejectStore(new MariaDbRejectStoreOptions { ConnectionString = database.ConnectionString, MaxBatchSize = 2 }, Clock);
    }

    protected override IRejectStore Store => _store;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Schema_UniqueKeyOnHash_RawValueIsText()
    {
        var columns = await _database.QueryAsync(
            "SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'syncgrid_reject'");
        var keys = await _database.QueryAsync(
            "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'syncgrid_reject' AND INDEX_NAME = 'ux_reject' ORDER BY SEQ_IN_INDEX");

        Assert.Equal("text", columns.Single(c => (string)c["COLUMN_NAME"]! == "raw_value")["DATA_TYPE"]);
        Assert.Equal(["source_store", "source_id", "field", "reason_code", "raw_hash"], keys.Select(k => (string)k["COLUMN_NAME"]!));
    }
}
