using MySqlConnector;

namespace SyncGrid.IntegrationTests.Sql;

/// <summary>Runs SQL on its own connection and collects the rows of every result set, columns by name.</summary>
internal static class SqlRows
{
    /// <summary>Runs <paramref name="sql"/> with parameters named as given (Orleans passes them without prefix).</summary>
    public static async Task<List<Dictionary<string, object?>>> QueryAsync(string connectionString, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new MySqlParameter(name, value ?? DBNull.Value));
        }

        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }
        }
        while (await reader.NextResultAsync());

        return rows;
    }

    /// <summary>The first column of every row, as text.</summary>
    public static async Task<List<string>> ColumnAsync(string connectionString, string sql, params (string Name, object? Value)[] parameters) =>
        [.. (await QueryAsync(connectionString, sql, parameters)).Select(r => Convert.ToString(r.Values.First(), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)];
}
