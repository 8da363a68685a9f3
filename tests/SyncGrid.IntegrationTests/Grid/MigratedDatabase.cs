using SyncGrid.Storage.Schema;
using SyncGrid.Testing;

namespace SyncGrid.IntegrationTests.Grid;

/// <summary>A private database with the whole SyncGrid schema applied, for one test class.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    public string ConnectionString => (_database ?? throw new InvalidOperationException("Not initialised.")).ConnectionString;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("grid");
        await SchemaMigrator.MigrateAsync(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
