using SyncGrid.Storage.Schema;
using SyncGrid.Testing;

namespace SyncGrid.IntegrationTests.Sql;

/// <summary>
/// A fresh database with every embedded schema script applied, one per test class, and a way to run the query texts
/// stored in <c>OrleansQuery</c> exactly as Orleans runs them: unprefixed parameter names, columns read by name.
/// </summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    private TestDatabase? _database;
    private Dictionary<string, string> _queries = [];

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("The database is not created yet.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("sqlc");
        await SchemaMigrator.MigrateAsync(_database.ConnectionString);
        foreach (var row in await QueryAsync("SELECT QueryKey, QueryText FROM OrleansQuery"))
        {
            _queries[(string)row["QueryKey"]!] = (string)row["QueryText"]!;
        }
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>The stored text of a query key; fails the test when the key is missing.</summary>
    public string QueryText(string key) =>
        _queries.TryGetValue(key, out var text) ? text : throw new Xunit.Sdk.XunitException($"OrleansQuery has no row '{key}'; keys: {string.Join(", ", _queries.Keys)}");

    /// <summary>Runs the stored query of <paramref name="key"/> and returns the rows of every result set.</summary>
    public Task<List<Dictionary<string, object?>>> RunAsync(string key, params (string Name, object? Value)[] parameters) =>
        QueryAsync(QueryText(key), parameters);

    /// <summary>Runs a stored query that returns one boolean in the first column of its first row, read as Orleans reads it.</summary>
    public async Task<bool> RunBooleanAsync(string key, params (string Name, object? Value)[] parameters)
    {
        var rows = await RunAsync(key, parameters);
        Assert.True(rows.Count >= 1 && rows[0].Count == 1, $"{key}: expected a single column in at least one row, got {rows.Count} rows of {(rows.Count > 0 ? rows[0].Count : 0)} columns");
        return Convert.ToBoolean(rows[0].Values.Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs any SQL with unprefixed parameters, collecting rows from every result set.</summary>
    public Task<List<Dictionary<string, object?>>> QueryAsync(string sql, params (string Name, object? Value)[] parameters) =>
        SqlRows.QueryAsync(ConnectionString, sql, parameters);
}
