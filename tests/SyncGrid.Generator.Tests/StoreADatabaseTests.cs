using System.Text;
using System.Text.Unicode;
using MySqlConnector;
using SyncGrid.Domain.Text;
using SyncGrid.Testing;

namespace SyncGrid.Generator.Tests;

/// <summary>Store A straight into MariaDB and through the SQL file: the latin1 columns hold the bytes as written.</summary>
[Trait("Category", "Integration")]
public sealed class StoreADatabaseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("syncgrid-storea-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_IntoADatabaseAndTheSqlFile_BothHoldEveryRowByteForByte()
    {
        await using var direct = await TestDatabase.CreateAsync("gen_direct");
        await using var loaded = await TestDatabase.CreateAsync("gen_file");
        var companies = new List<GeneratedCompanyRow>();
        var contacts = new List<GeneratedContactRow>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var result = await new DataGenerator(new GeneratorOptions
        {
            Companies = 1_500,
            Seed = 3,
            OutputDirectory = _dir,
            StoreAConnectionString = direct.ConnectionString,
            OnStoreACompany = companies.Add,
            OnStoreAContact = contacts.Add,
        }).RunAsync(timeout.Token);

        await using (var connection = new MySqlConnection(loaded.ConnectionString))
        {
            await connection.OpenAsync(timeout.Token);
            await StoreASqlWriter.ExecuteScriptAsync(connection, Path.Combine(_dir, DataGenerator.FileNames.StoreASql), timeout.Token);
        }

        Assert.Equal(result.Expected.Raw.StoreA.CompanyRows, companies.Count);
        foreach (var database in new[] { direct, loaded })
        {
            var rows = await ReadCompaniesAsync(database.ConnectionString, timeout.Token);
            Assert.Equal(companies.Count, rows.Count);
            foreach (var expected in companies)
            {
                var row = rows[expected.Id];
                Assert.Equal(expected.Name, row.Name);
                Assert.Equal(expected.Inn, row.Inn);
                Assert.Equal(expected.LegalAddress, row.Address);
                Assert.Equal(expected.Phone, row.Phone);
                Assert.Equal(expected.BankName, row.BankName);
                Assert.Equal(expected.Kpp, row.Kpp);
                Assert.Equal(expected.Email, row.Email);
                Assert.Equal(expected.UpdatedAt, row.UpdatedAt);
                Assert.Equal(expected.IsDeleted, row.IsDeleted);
            }

            var contactRows = await ReadContactsAsync(database.ConnectionString, timeout.Token);
            Assert.Equal(contacts.Count, contactRows.Count);
            Assert.All(contacts, c => Assert.Equal((c.CompanyId, Hex(c.FullName), Hex(c.Position), Hex(c.Phone), c.Email), contactRows[c.Id]));

            // The server holds windows-1251 bytes for most rows and UTF-8 for the newer application's; both decode back.
            Assert.Contains(rows.Values, r => r.Name is { } n && !Utf8.IsValid(n));
            Assert.Contains(rows.Values, r => r.Name is { } n && !Ascii.IsValid(n) && Utf8.IsValid(n));
            Assert.All(rows.Values.Where(r => r.Name is not null), r => Assert.DoesNotContain('\uFFFD', SourceText.Decode(r.Name)));
        }
    }

    [Fact]
    public async Task RunAsync_TablesAlreadyHoldRows_RefusesUnlessReplacing()
    {
        await using var database = await TestDatabase.CreateAsync("gen_replace");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        GeneratorOptions Options(bool replace) => new() { Companies = 200, Seed = 1, StoreAConnectionString = database.ConnectionString, ReplaceStoreA = replace };
        await new DataGenerator(Options(false)).RunAsync(timeout.Token);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => new DataGenerator(Options(false)).RunAsync(timeout.Token));
        Assert.Contains("already hold rows", refused.Message, StringComparison.Ordinal);

        var replaced = await new DataGenerator(Options(true)).RunAsync(timeout.Token);
        var rows = await ReadCompaniesAsync(database.ConnectionString, timeout.Token);
        Assert.Equal(replaced.Expected.Raw.StoreA.CompanyRows, rows.Count);
    }

    [Fact]
    public async Task RunAsync_TheDatabaseRefusesTheRows_FailsWithItsErrorInsteadOfWaiting()
    {
        await using var database = await TestDatabase.CreateAsync("gen_refused");
        await using (var connection = new MySqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new MySqlCommand("CREATE TABLE companies (id INT PRIMARY KEY)", connection);
            await command.ExecuteNonQueryAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var run = new DataGenerator(new GeneratorOptions { Companies = 20_000, Seed = 1, StoreAConnectionString = database.ConnectionString }).RunAsync(timeout.Token);

        var error = await Assert.ThrowsAsync<MySqlException>(() => run);
        Assert.Contains("name", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(timeout.IsCancellationRequested);
    }

    private sealed record CompanyBytes(byte[]? Name, byte[]? Inn, byte[]? Address, byte[]? Phone, byte[]? BankName, string? Kpp, string? Email, DateTime UpdatedAt, bool IsDeleted);

    private static async Task<Dictionary<int, CompanyBytes>> ReadCompaniesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT id, CAST(name AS BINARY), CAST(inn AS BINARY), CAST(legal_address AS BINARY), CAST(phone AS BINARY), CAST(bank_name AS BINARY), kpp, email, updated_at, is_deleted FROM companies",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<int, CompanyBytes>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetInt32(0)] = new CompanyBytes(
                Bytes(reader, 1), Bytes(reader, 2), Bytes(reader, 3), Bytes(reader, 4), Bytes(reader, 5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetDateTime(8),
                reader.GetBoolean(9));
        }

        return rows;
    }

    private static async Task<Dictionary<int, (int?, string?, string?, string?, string?)>> ReadContactsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT id, company_id, CAST(full_name AS BINARY), CAST(position AS BINARY), CAST(phone AS BINARY), email FROM contacts", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<int, (int?, string?, string?, string?, string?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetInt32(0)] = (reader.IsDBNull(1) ? null : reader.GetInt32(1), Hex(Bytes(reader, 2)), Hex(Bytes(reader, 3)), Hex(Bytes(reader, 4)), reader.IsDBNull(5) ? null : reader.GetString(5));
        }

        return rows;
    }

    private static string? Hex(byte[]? bytes) => bytes is null ? null : Convert.ToHexString(bytes);

    private static byte[]? Bytes(MySqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal);
}
