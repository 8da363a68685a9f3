using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace SyncGrid.Sources.StoreA;

/// <summary>
/// Reads store A's replica with MySqlConnector. Pages are keyset pages on <c>(updated_at, id)</c> (never OFFSET),
/// whose ids are read from the <c>(updated_at, id)</c> index alone, in order, stopping at the limit. Latin1 columns are selected as <c>CAST(col AS BINARY)</c>: the server would otherwise convert the
/// windows-1251 bytes the legacy application stored into mojibake. Every read waits for the row pace first.
/// </summary>
public sealed partial class MySqlStoreAReader : IStoreAReader, IAsyncDisposable, IDisposable
{
    private const string CompanyColumns =
        "companies.id, CAST(name AS BINARY) AS name, CAST(inn AS BINARY) AS inn, kpp, ogrn, CAST(legal_address AS BINARY) AS legal_address, "
        + "CAST(phone AS BINARY) AS phone, email, bik, bank_account, CAST(bank_name AS BINARY) AS bank_name, updated_at, is_deleted";

    private const string ContactColumns =
        "c.id, c.company_id, CAST(c.full_name AS BINARY) AS full_name, CAST(c.position AS BINARY) AS position, "
        + "CAST(c.phone AS BINARY) AS phone, c.email, c.updated_at, c.is_deleted, "
        + "co.id AS company_row_id, CAST(co.inn AS BINARY) AS company_inn, co.is_deleted AS company_is_deleted, co.updated_at AS company_updated_at";

    private readonly MySqlDataSource _dataSource;
    private readonly StoreARowPacer _pacer;
    private readonly ILogger<MySqlStoreAReader> _logger;

    public MySqlStoreAReader(IOptions<StoreAOptions> options, TimeProvider time, ILogger<MySqlStoreAReader> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        if (string.IsNullOrWhiteSpace(value.ConnectionString))
        {
            throw new InvalidOperationException($"{StoreAOptions.Section}:ConnectionString is not set: store A cannot be read.");
        }

        _dataSource = new MySqlDataSource(value.ConnectionString);
        _pacer = new StoreARowPacer(value.RowsPerSecond, time);
        _logger = logger;
    }

    /// <inheritdoc />
    public int MaxPageSize => _pacer.RowsPerSecond;

    /// <summary>
    /// The SQL of one keyset page of <paramref name="table"/> (parameters <c>@after_at</c>, <c>@after_id</c>, <c>@limit</c>).
    /// The page's ids come from a subquery that needs nothing but the <c>(updated_at, id)</c> index (it covers the
    /// subquery), so the server walks that index in order and stops at the limit even when the range holds the whole
    /// table (the full extract), where a plain query is planned as a full scan and a sort. Only then are the page's
    /// rows fetched by primary key.
    /// </summary>
    internal static string PageSql(StoreATable table) => table switch
    {
        StoreATable.Companies =>
            $"SELECT {CompanyColumns} FROM (SELECT id FROM companies "
            + "WHERE updated_at >= @after_at AND (updated_at > @after_at OR id > @after_id) "
            + "ORDER BY updated_at, id LIMIT @limit) page JOIN companies ON companies.id = page.id "
            + "ORDER BY updated_at, id",
        StoreATable.Contacts =>
            $"SELECT {ContactColumns} FROM (SELECT id FROM contacts "
            + "WHERE updated_at >= @after_at AND (updated_at > @after_at OR id > @after_id) "
            + "ORDER BY updated_at, id LIMIT @limit) page JOIN contacts c ON c.id = page.id "
            + "LEFT JOIN companies co ON co.id = c.company_id ORDER BY c.updated_at, c.id",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown store A table."),
    };

    /// <summary>The SQL of contacts of companies (parameters <c>@c0</c>…, <c>@after_id</c>, <c>@limit</c>).</summary>
    internal static string ContactsOfCompaniesSql(int companies)
    {
        var ids = new StringBuilder();
        for (var i = 0; i < companies; i++)
        {
            ids.Append(i == 0 ? "@c" : ", @c").Append(i.ToString(CultureInfo.InvariantCulture));
        }

        return $"SELECT {ContactColumns} FROM contacts c LEFT JOIN companies co ON co.id = c.company_id "
            + $"WHERE c.company_id IN ({ids}) AND c.id > @after_id ORDER BY c.id LIMIT @limit";
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoreARow>> ReadPageAsync(StoreATable table, StoreAPosition after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var grant = await _pacer.AcquireAsync(limit, cancellationToken).ConfigureAwait(false);
        var rows = new List<StoreARow>(limit);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new MySqlCommand(PageSql(table), connection);
            command.Parameters.AddWithValue("@after_at", after.UpdatedAt);
            command.Parameters.AddWithValue("@after_id", after.Id);
            command.Parameters.AddWithValue("@limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(table == StoreATable.Companies ? ReadCompany(reader) : ReadContact(reader));
            }
        }
        finally
        {
            grant.Return(limit - rows.Count);
        }

        LogPage(_logger, table, rows.Count, after);
        return rows;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoreAContactRow>> ReadContactsOfCompaniesAsync(IReadOnlyCollection<long> companyIds, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(companyIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (companyIds.Count == 0)
        {
            return [];
        }

        var grant = await _pacer.AcquireAsync(limit, cancellationToken).ConfigureAwait(false);
        var rows = new List<StoreAContactRow>();
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new MySqlCommand(ContactsOfCompaniesSql(companyIds.Count), connection);
            var i = 0;
            foreach (var id in companyIds)
            {
                command.Parameters.AddWithValue("@c" + i++.ToString(CultureInfo.InvariantCulture), id);
            }

            command.Parameters.AddWithValue("@after_id", afterId);
            command.Parameters.AddWithValue("@limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(ReadContact(reader));
            }
        }
        finally
        {
            grant.Return(limit - rows.Count);
        }

        return rows;
    }

    public ValueTask DisposeAsync()
    {
        _pacer.Dispose();
        return _dataSource.DisposeAsync();
    }

    public void Dispose()
    {
        _pacer.Dispose();
        _dataSource.Dispose();
    }

    private static StoreACompanyRow ReadCompany(DbDataReader r) => new()
    {
        Id = Convert.ToInt64(r["id"], CultureInfo.InvariantCulture),
        Name = Bytes(r, "name"),
        Inn = Bytes(r, "inn"),
        Kpp = Text(r, "kpp"),
        Ogrn = Text(r, "ogrn"),
        LegalAddress = Bytes(r, "legal_address"),
        Phone = Bytes(r, "phone"),
        Email = Text(r, "email"),
        Bik = Text(r, "bik"),
        BankAccount = Text(r, "bank_account"),
        BankName = Bytes(r, "bank_name"),
        UpdatedAt = (DateTime)r["updated_at"],
        IsDeleted = Flag(r["is_deleted"]),
    };

    private static StoreAContactRow ReadContact(DbDataReader r) => new()
    {
        Id = Convert.ToInt64(r["id"], CultureInfo.InvariantCulture),
        CompanyId = r["company_id"] is DBNull ? null : Convert.ToInt64(r["company_id"], CultureInfo.InvariantCulture),
        FullName = Bytes(r, "full_name"),
        JobTitle = Bytes(r, "position"),
        Phone = Bytes(r, "phone"),
        Email = Text(r, "email"),
        UpdatedAt = (DateTime)r["updated_at"],
        IsDeleted = Flag(r["is_deleted"]),
        Company = r["company_row_id"] is DBNull ? null : new StoreAContactCompany(Bytes(r, "company_inn"), Flag(r["company_is_deleted"]), (DateTime)r["company_updated_at"]),
    };

    private static byte[]? Bytes(DbDataReader r, string column) => r[column] is byte[] bytes ? bytes : null;

    private static string? Text(DbDataReader r, string column) => r[column] is string text ? text : null;

    private static bool Flag(object value) => value is bool b ? b : Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0;

    [LoggerMessage(EventId = 2301, Level = LogLevel.Debug, Message = "Store A {Table}: read {Rows} rows after {After}")]
    private static partial void LogPage(ILogger logger, StoreATable table, int rows, StoreAPosition after);
}
