using MySqlConnector;
using SyncGrid.Testing;

namespace SyncGrid.IntegrationTests;

[Trait("Category", "Integration")]
public class TestDatabaseTests
{
    [Fact]
    public async Task CreateAsync_MakesAnEmptyBinaryCollationDatabase()
    {
        await using var database = await TestDatabase.CreateAsync("fixture");
        await using var connection = new MySqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT @@collation_database", connection);

        Assert.Equal("utf8mb4_bin", await command.ExecuteScalarAsync());
    }
}
