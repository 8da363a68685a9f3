using System.Globalization;
using System.Text;
using MySqlConnector;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Storage.Batching;

namespace SyncGrid.Storage.ReadModel;

/// <summary>
/// The read model on MariaDB. Rows from many grains are group-committed into multi-row upserts; a row never replaces
/// a newer version of itself. A company's contact binding changes travel with its row: a company grain awaits each
/// write before the next, so no older change of the same company can race a newer one.
/// </summary>
public sealed class MariaDbReadModel : IReadModelWriter, IReadModelQueries, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly GroupCommitQueue<CompanyReadModelRow, bool> _companies;

    public MariaDbReadModel(MariaDbReadModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = BatchConnections.Tune(options.ConnectionString);
        _companies = new(UpsertCompaniesAsync, options.MaxBatchSize, options.MaxConcurrentBatches);
    }

    /// <inheritdoc />
    public Task UpsertCompanyAsync(CompanyReadModelRow row, CancellationToken cancellationToken = default) => _companies.EnqueueAsync(row, cancellationToken);

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
        await using var command = new MySqlCommand("SELECT COUNT(DISTINCT contact_key) FROM syncgrid_company_contact", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _companies.DisposeAsync().ConfigureAwait(false);
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

        sql.Append(" ON DUPLICATE KEY UPDATE")
            .Append(" name = IF(VALUES(version) >= version, VALUES(name), name),")
            .Append(" status = IF(VALUES(version) >= version, VALUES(status), status),")
            .Append(" status_reason = IF(VALUES(version) >= version, VALUES(status_reason), status_reason),")
            .Append(" bitrix24_company_id = IF(VALUES(version) >= version, VALUES(bitrix24_company_id), bitrix24_company_id),")
            .Append(" sources = IF(VALUES(version) >= version, VALUES(sources), sources),")
            .Append(" last_error = IF(VALUES(version) >= version, VALUES(last_error), last_error),")
            .Append(" updated_at = IF(VALUES(version) >= version, VALUES(updated_at), updated_at),")
            .Append(" version = GREATEST(version, VALUES(version));");

        // Binding changes of every row, in arrival order (a company's rows arrive one at a time: its grain awaits each).
        var bound = rows.SelectMany(r => r.ContactsBound.Select(k => (r.Tin, Key: k))).ToList();
        var unbound = rows.SelectMany(r => r.ContactsUnbound.Select(k => (r.Tin, Key: k))).ToList();
        AppendBindings(sql, command, " DELETE FROM syncgrid_company_contact WHERE (tin, contact_key) IN (", ");", "(@ut{0},@uk{0})", "u", unbound);
        AppendBindings(sql, command, " INSERT IGNORE INTO syncgrid_company_contact (tin, contact_key) VALUES ", ";", "(@bt{0},@bk{0})", "b", bound);
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(_ => true).ToList();
    }

    private static IEnumerable<T> Latest<T>(IEnumerable<T> rows, Func<T, string> key, Func<T, long> version) =>
        rows.GroupBy(key, StringComparer.Ordinal).Select(g => g.MaxBy(version)!).OrderBy(key, StringComparer.Ordinal);

    private static void AppendBindings(StringBuilder sql, MySqlCommand command, string head, string tail, string tuple, string prefix, List<(string Tin, string Key)> bindings)
    {
        if (bindings.Count == 0)
        {
            return;
        }

        sql.Append(head);
        for (var i = 0; i < bindings.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? string.Empty : ",").Append(string.Format(CultureInfo.InvariantCulture, tuple, n));
            command.Parameters.AddWithValue($"@{prefix}t{n}", bindings[i].Tin);
            command.Parameters.AddWithValue($"@{prefix}k{n}", bindings[i].Key);
        }

        sql.Append(tail);
    }

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
