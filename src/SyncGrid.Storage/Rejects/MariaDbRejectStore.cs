using System.Globalization;
using System.Text;
using MySqlConnector;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Domain.Records;
using SyncGrid.Storage.Batching;

namespace SyncGrid.Storage.Rejects;

/// <summary>
/// The rejects store on MariaDB (<c>deploy/sql/012_syncgrid_rejects.sql</c>): batched multi-row
/// <c>INSERT … ON DUPLICATE KEY UPDATE count = count + VALUES(count)</c>, so recording is idempotent per reject key.
/// Concurrent callers (every ingest grain that found a bad value) share statements through a group commit: what has
/// accumulated while the previous statements ran goes out together, so rejects cost a round trip per batch, not per record.
/// </summary>
public sealed class MariaDbRejectStore : IRejectStore, IAsyncDisposable
{
    // Callers folded into one group commit, and group commits in flight at once.
    private const int CallersPerBatch = 256;
    private const int ConcurrentBatches = 2;

    private const string Columns = "source_store, source_id, source_position, field, raw_value, reason_code, message, first_seen, last_seen, count";

    private readonly string _connectionString;
    private readonly int _maxBatchSize;
    private readonly TimeProvider _time;
    private readonly GroupCommitQueue<IReadOnlyList<RejectEntry>, bool> _writes;

    public MariaDbRejectStore(MariaDbRejectStoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = BatchConnections.Tune(options.ConnectionString);
        _maxBatchSize = options.MaxBatchSize;
        _time = time;
        _writes = new GroupCommitQueue<IReadOnlyList<RejectEntry>, bool>(WriteBatchAsync, CallersPerBatch, ConcurrentBatches);
    }

    /// <inheritdoc />
    public Task RecordAsync(IReadOnlyList<RejectEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Count == 0 ? Task.CompletedTask : _writes.EnqueueAsync(entries, cancellationToken);
    }

    /// <summary>Finishes the group commits under way; later calls to <see cref="RecordAsync"/> fail.</summary>
    public ValueTask DisposeAsync() => _writes.DisposeAsync();

    private async Task<IReadOnlyList<bool>> WriteBatchAsync(IReadOnlyList<IReadOnlyList<RejectEntry>> callers, CancellationToken cancellationToken)
    {
        await WriteAsync([.. callers.SelectMany(c => c)], cancellationToken).ConfigureAwait(false);
        return [.. Enumerable.Repeat(true, callers.Count)];
    }

    private async Task WriteAsync(IReadOnlyList<RejectEntry> entries, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        // Sorted by key so that concurrent batches lock rows in one order.
        var rows = RejectKey.Fold(entries)
            .Select(r => (r.Entry, r.Count, Hash: RejectKey.HashRaw(r.Entry.RawValue)))
            .OrderBy(r => r.Entry.Store).ThenBy(r => r.Entry.SourceId, StringComparer.Ordinal).ThenBy(r => r.Entry.Field, StringComparer.Ordinal)
            .ThenBy(r => r.Entry.ReasonCode, StringComparer.Ordinal).ThenBy(r => Convert.ToHexString(r.Hash), StringComparer.Ordinal)
            .ToList();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in rows.Chunk(_maxBatchSize))
        {
            await Deadlocks.RetryAsync(
                async () =>
                {
                    await using var command = UpsertCommand(connection, chunk, now);
                    return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                },
                static (_, _) => { }).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RejectRow>> QueryAsync(RejectQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = new List<RejectRow>();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = FilteredCommand(connection, $"SELECT {Columns} FROM syncgrid_reject", query, " ORDER BY last_seen DESC, id DESC LIMIT @limit OFFSET @offset");
        command.Parameters.AddWithValue("@limit", query.EffectiveLimit);
        command.Parameters.AddWithValue("@offset", Math.Max(query.Offset, 0));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!SourceStoreExtensions.TryParseStore(reader.GetString(0), out var store))
            {
                throw new InvalidDataException($"syncgrid_reject holds an unknown source store '{reader.GetString(0)}'.");
            }

            rows.Add(new RejectRow(
                new RejectEntry(
                    store,
                    reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.GetString(5),
                    reader.GetString(6)),
                Utc(reader.GetDateTime(7)),
                Utc(reader.GetDateTime(8)),
                reader.GetInt64(9)));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, long>> CountByReasonAsync(RejectQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = FilteredCommand(connection, "SELECT reason_code, COUNT(*) FROM syncgrid_reject", query, " GROUP BY reason_code");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static MySqlCommand UpsertCommand(MySqlConnection connection, (RejectEntry Entry, long Count, byte[] Hash)[] chunk, DateTime now)
    {
        var command = new MySqlCommand { Connection = connection };
        var sql = new StringBuilder("INSERT INTO syncgrid_reject (source_store, source_id, field, reason_code, raw_hash, raw_value, source_position, message, first_seen, last_seen, count) VALUES ");
        for (var i = 0; i < chunk.Length; i++)
        {
            var (entry, count, hash) = chunk[i];
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"(@s{n},@i{n},@f{n},@r{n},@h{n},@v{n},@p{n},@m{n},@now,@now,@c{n})");
            command.Parameters.AddWithValue("@s" + n, entry.Store.ToCode());
            command.Parameters.AddWithValue("@i" + n, entry.SourceId);
            command.Parameters.AddWithValue("@f" + n, entry.Field);
            command.Parameters.AddWithValue("@r" + n, entry.ReasonCode);
            command.Parameters.AddWithValue("@h" + n, hash);
            command.Parameters.AddWithValue("@v" + n, entry.RawValue);
            command.Parameters.AddWithValue("@p" + n, entry.SourcePosition);
            command.Parameters.AddWithValue("@m" + n, entry.Message);
            command.Parameters.AddWithValue("@c" + n, count);
        }

        command.Parameters.AddWithValue("@now", now);
        sql.Append(" ON DUPLICATE KEY UPDATE count = count + VALUES(count), last_seen = GREATEST(last_seen, VALUES(last_seen)), source_position = VALUES(source_position), message = VALUES(message)");
        command.CommandText = sql.ToString();
        return command;
    }

    private static MySqlCommand FilteredCommand(MySqlConnection connection, string select, RejectQuery query, string tail)
    {
        var command = new MySqlCommand(
            select
            + " WHERE (@store IS NULL OR source_store = @store) AND (@source IS NULL OR source_id = @source)"
            + " AND (@prefix IS NULL OR LEFT(reason_code, CHAR_LENGTH(@prefix)) = @prefix)"
            + tail,
            connection);
        command.Parameters.AddWithValue("@store", query.Store?.ToCode());
        command.Parameters.AddWithValue("@source", query.SourceId);
        command.Parameters.AddWithValue("@prefix", query.ReasonPrefix);
        return command;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
