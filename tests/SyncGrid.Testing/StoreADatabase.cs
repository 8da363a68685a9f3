using System.Globalization;
using System.Text;
using MySqlConnector;

namespace SyncGrid.Testing;

/// <summary>
/// A private store A database (the source's own schema, <c>deploy/sql/store-a/schema.sql</c>) for one test class,
/// written as the legacy application writes it: raw bytes into the latin1 columns. Dropped on dispose.
/// </summary>
public sealed class StoreADatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;

    static StoreADatabase() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private StoreADatabase(TestDatabase database) => _database = database;

    /// <summary>A connection string to the database.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>The windows-1251 bytes of a text, as the legacy application stores it.</summary>
    public static byte[] Cp1251(string text) => Encoding.GetEncoding(1251).GetBytes(text);

    /// <summary>The UTF-8 bytes of a text, as the newer application version stores it.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Creates the database and its two tables.</summary>
    public static async Task<StoreADatabase> CreateAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var database = await TestDatabase.CreateAsync("sa_" + prefix, cancellationToken);
        await using var stream = typeof(StoreADatabase).Assembly.GetManifestResourceStream("StoreA.schema.sql")
            ?? throw new InvalidOperationException("The store A schema is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var script = await reader.ReadToEndAsync(cancellationToken);
        var store = new StoreADatabase(database);
        var statements = string.Join('\n', script.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var statement in statements)
        {
            await store.ExecuteAsync(statement);
        }

        return store;
    }

    /// <summary>Inserts or replaces a company row.</summary>
    public Task UpsertCompanyAsync(long id, DateTime updatedAt, byte[]? name, byte[]? inn, bool deleted = false, string? kpp = null,
        string? ogrn = null, byte[]? address = null, byte[]? phone = null, string? email = null, string? bik = null, string? account = null, byte[]? bankName = null) =>
        ExecuteAsync(
            "REPLACE INTO companies (id, name, inn, kpp, ogrn, legal_address, phone, email, bik, bank_account, bank_name, updated_at, is_deleted) "
            + "VALUES (@id, @name, @inn, @kpp, @ogrn, @address, @phone, @email, @bik, @account, @bankName, @at, @deleted)",
            ("@id", id), ("@name", name), ("@inn", inn), ("@kpp", kpp), ("@ogrn", ogrn), ("@address", address), ("@phone", phone),
            ("@email", email), ("@bik", bik), ("@account", account), ("@bankName", bankName), ("@at", updatedAt), ("@deleted", deleted));

    /// <summary>Inserts or replaces a contact row.</summary>
    public Task UpsertContactAsync(long id, long? companyId, DateTime updatedAt, byte[]? fullName, string? email = null, bool deleted = false,
        byte[]? position = null, byte[]? phone = null) =>
        ExecuteAsync(
            "REPLACE INTO contacts (id, company_id, full_name, position, phone, email, updated_at, is_deleted) "
            + "VALUES (@id, @company, @name, @position, @phone, @email, @at, @deleted)",
            ("@id", id), ("@company", companyId), ("@name", fullName), ("@position", position), ("@phone", phone), ("@email", email),
            ("@at", updatedAt), ("@deleted", deleted));

    /// <summary>Runs a statement with parameters; returns the affected rows.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a query and returns its rows, columns by name.</summary>
    public async Task<List<Dictionary<string, object?>>> QueryAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A <c>DATETIME(6)</c> value: a base time plus seconds (fractions to the microsecond).</summary>
    public static DateTime At(double seconds) =>
        new DateTime(2026, 10, 1, 9, 0, 0, DateTimeKind.Unspecified).AddTicks((long)Math.Round(seconds * 1_000_000, MidpointRounding.AwayFromZero) * 10);

    /// <summary>An id as text.</summary>
    public static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
