using MySqlConnector;

namespace SyncGrid.Testing;

/// <summary>
/// A private MariaDB database for one test class: created empty on the server named by the
/// <c>SYNCGRID_TEST_MARIADB</c> connection string (which <c>deploy/test.sh</c> exports), dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The environment variable holding the server connection string (no database).</summary>
    public const string ServerVariable = "SYNCGRID_TEST_MARIADB";

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A connection string to the database.</summary>
    public string ConnectionString { get; }

    /// <summary>The server connection string, or a clear failure telling how to get one.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable)
        ?? throw new InvalidOperationException(
            $"{ServerVariable} is not set: run the tests with ./deploy/test.sh, which starts MariaDB on loopback and sets it, "
            + "or set it to a MariaDB server connection string (for example Server=127.0.0.1;Port=3306;User ID=syncgrid;Password=syncgrid).");

    /// <summary>Creates an empty database named <c>sgt_&lt;prefix&gt;_&lt;random&gt;</c>.</summary>
    public static async Task<TestDatabase> CreateAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var full = $"sgt_{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        var name = full.Length <= 64 ? full : full[..64];
        var server = new MySqlConnectionStringBuilder(ServerConnectionString);
        await using (var connection = new MySqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        server.Database = name;
        return new TestDatabase(name, server.ConnectionString);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await using var connection = new MySqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{Name}`", connection);
        await command.ExecuteNonQueryAsync();
    }
}
