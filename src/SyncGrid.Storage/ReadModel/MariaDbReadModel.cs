using System.Globalization;
using System.Text;
using MySqlConnector;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Storage.Batching;

namespace SyncGrid.Storage.ReadModel;

/// <summary>
/// The read model on MariaDB. Rows from many grains are group-committed into multi-row upserts; a row never replaces
/// a newer version of itself. A contact's bindings are replaced with the row: a contact grain awaits each write
/// before the next, so no older row of the same contact can race a newer one.
/// </summary>
public sealed class MariaDbReadModel : IReadModelWriter, IReadModelQueries, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly GroupCommitQueue<CompanyReadModelRow, bool> _companies;
    private readonly GroupCommitQueue<ContactReadModelRow, bool> _contacts;

    public MariaDbReadModel(MariaDbReadModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = options.ConnectionString;
        _companies = new(UpsertCompaniesAsync, options.MaxBatchSize, options.MaxConcurrentBatches);
        _contacts = new(UpsertContactsAsync, options.MaxBatchSize, options.MaxConcurrentBatches);
    }

    /// <inheritdoc />
    public Task UpsertCompanyAsync(CompanyReadModelRow row, CancellationToken cancellationToken = default) => _companies.EnqueueAsync(row, cancellationToken);

    /// <inheritdoc />
    public Task UpsertContactAsync(ContactReadModelRow row, CancellationToken cancellationToken = default) => _contacts.EnqueueAsync(row, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<CompanySyncStatus, long>> CountCompaniesByStatusAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<CompanySyncStatus, long>();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand("SELECT status, COUNT(*) FROM syncgrid_company GROUP BY status", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[Enum.Parse<CompanySyncStatus>(reader.GetString(0))] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CompanyReadModelRow>> ListCompaniesAsync(CompanySyncStatus? status, string? afterTin, int limit, CancellationToken cancellationToken = default)
    {
        var rows = new List<CompanyReadModelRow>();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand(
            "SELECT tin, name, status, status_reason, bitrix24_company_id, sources, last_error, updated_at, version FROM syncgrid_company "
            + "WHERE (@status IS NULL OR status = @status) AND (@after IS NULL OR tin > @after) ORDER BY tin LIMIT @limit",
            connection);
        command.Parameters.AddWithValue("@status", status?.ToString());
        command.Parameters.AddWithValue("@after", afterTin);
        command.Parameters.AddWithValue("@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new CompanyReadModelRow(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                Enum.Parse<CompanySyncStatus>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(7), DateTimeKind.Utc)),
                reader.GetInt64(8)));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListContactsOfCompanyAsync(string tin, CancellationToken cancellationToken = default)
    {
        var keys = new List<string>();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand("SELECT contact_key FROM syncgrid_company_contact WHERE tin = @tin ORDER BY contact_key", connection);
        command.Parameters.AddWithValue("@tin", tin);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <inheritdoc />
    public async Task<long> CountContactsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM syncgrid_contact WHERE companies > 0", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _companies.DisposeAsync().ConfigureAwait(false);
        await _contacts.DisposeAsync().ConfigureAwait(false);
    }

    private Task<IReadOnlyList<bool>> UpsertCompaniesAsync(IReadOnlyList<CompanyReadModelRow> rows, CancellationToken cancellationToken) =>
        Deadlocks.RetryAsync(() => TryUpsertCompaniesAsync(rows, cancellationToken), (_, _) => { });

    private async Task<IReadOnlyList<bool>> TryUpsertCompaniesAsync(IReadOnlyList<CompanyReadModelRow> rows, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("INSERT INTO syncgrid_company (tin, name, status, status_reason, bitrix24_company_id, sources, last_error, updated_at, version) VALUES ");
        var i = 0;
        foreach (var row in Latest(rows, r => r.Tin, r => r.Version))
        {
            var n = (i++).ToString(CultureInfo.InvariantCulture);
            sql.Append(n == "0" ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"(@t{n},@n{n},@s{n},@r{n},@b{n},@c{n},@e{n},@u{n},@v{n})");
            command.Parameters.AddWithValue("@t" + n, row.Tin);
            command.Parameters.AddWithValue("@n" + n, Truncate(row.Name, 1000));
            command.Parameters.AddWithValue("@s" + n, row.Status.ToString());
            command.Parameters.AddWithValue("@r" + n, Truncate(row.StatusReason, 2000));
            command.Parameters.AddWithValue("@b" + n, row.Bitrix24CompanyId);
            command.Parameters.AddWithValue("@c" + n, row.Sources);
            command.Parameters.AddWithValue("@e" + n, row.LastError);
            command.Parameters.AddWithValue("@u" + n, row.UpdatedAt.UtcDateTime);
            command.Parameters.AddWithValue("@v" + n, row.Version);
        }

        command.CommandText = sql.Append(" ON DUPLICATE KEY UPDATE")
            .Append(" name = IF(VALUES(version) >= version, VALUES(name), name),")
            .Append(" status = IF(VALUES(version) >= version, VALUES(status), status),")
            .Append(" status_reason = IF(VALUES(version) >= version, VALUES(status_reason), status_reason),")
            .Append(" bitrix24_company_id = IF(VALUES(version) >= version, VALUES(bitrix24_company_id), bitrix24_company_id),")
            .Append(" sources = IF(VALUES(version) >= version, VALUES(sources), sources),")
            .Append(" last_error = IF(VALUES(version) >= version, VALUES(last_error), last_error),")
            .Append(" updated_at = IF(VALUES(version) >= version, VALUES(updated_at), updated_at),")
            .Append(" version = GREATEST(version, VALUES(version))")
            .ToString();
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(_ => true).ToList();
    }

    private Task<IReadOnlyList<bool>> UpsertContactsAsync(IReadOnlyList<ContactReadModelRow> rows, CancellationToken cancellationToken) =>
        Deadlocks.RetryAsync(() => TryUpsertContactsAsync(rows, cancellationToken), (_, _) => { });

    private async Task<IReadOnlyList<bool>> TryUpsertContactsAsync(IReadOnlyList<ContactReadModelRow> rows, CancellationToken cancellationToken)
    {
        var latest = Latest(rows, r => r.Key, r => r.Version).ToList();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            var sql = new StringBuilder("INSERT INTO syncgrid_contact (contact_key, name, companies, bitrix24_contact_id, updated_at, version) VALUES ");
            for (var i = 0; i < latest.Count; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                var row = latest[i];
                sql.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"(@k{n},@n{n},@c{n},@b{n},@u{n},@v{n})");
                upsert.Parameters.AddWithValue("@k" + n, row.Key);
                upsert.Parameters.AddWithValue("@n" + n, Truncate(row.Name, 1000));
                upsert.Parameters.AddWithValue("@c" + n, row.CompanyTins.Count);
                upsert.Parameters.AddWithValue("@b" + n, row.Bitrix24ContactId);
                upsert.Parameters.AddWithValue("@u" + n, row.UpdatedAt.UtcDateTime);
                upsert.Parameters.AddWithValue("@v" + n, row.Version);
            }

            upsert.CommandText = sql.Append(" ON DUPLICATE KEY UPDATE")
                .Append(" name = IF(VALUES(version) >= version, VALUES(name), name),")
                .Append(" companies = IF(VALUES(version) >= version, VALUES(companies), companies),")
                .Append(" bitrix24_contact_id = IF(VALUES(version) >= version, VALUES(bitrix24_contact_id), bitrix24_contact_id),")
                .Append(" updated_at = IF(VALUES(version) >= version, VALUES(updated_at), updated_at),")
                .Append(" version = GREATEST(version, VALUES(version))")
                .ToString();
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var unbind = connection.CreateCommand())
        {
            unbind.Transaction = transaction;
            var sql = new StringBuilder("DELETE FROM syncgrid_company_contact WHERE contact_key IN (");
            for (var i = 0; i < latest.Count; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i == 0 ? "@k" : ",@k").Append(n);
                unbind.Parameters.AddWithValue("@k" + n, latest[i].Key);
            }

            unbind.CommandText = sql.Append(')').ToString();
            await unbind.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var bindings = latest.SelectMany(r => r.CompanyTins.Select(t => (Tin: t, r.Key))).ToList();
        if (bindings.Count > 0)
        {
            await using var bind = connection.CreateCommand();
            bind.Transaction = transaction;
            var sql = new StringBuilder("INSERT IGNORE INTO syncgrid_company_contact (tin, contact_key) VALUES ");
            for (var i = 0; i < bindings.Count; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"(@t{n},@k{n})");
                bind.Parameters.AddWithValue("@t" + n, bindings[i].Tin);
                bind.Parameters.AddWithValue("@k" + n, bindings[i].Key);
            }

            bind.CommandText = sql.ToString();
            await bind.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(_ => true).ToList();
    }

    private static IEnumerable<T> Latest<T>(IEnumerable<T> rows, Func<T, string> key, Func<T, long> version) =>
        rows.GroupBy(key, StringComparer.Ordinal).Select(g => g.MaxBy(version)!).OrderBy(key, StringComparer.Ordinal);

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
