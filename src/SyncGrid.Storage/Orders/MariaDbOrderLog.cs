using System.Globalization;
using System.Text;
using MySqlConnector;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Storage.Batching;

namespace SyncGrid.Storage.Orders;

/// <summary>
/// The order log on MariaDB (<c>deploy/sql/014_orders.sql</c>): events appended as multi-row inserts, the order index
/// upserted by order id, incidents upserted by id with one history row per change. Times are stored in UTC.
/// </summary>
public sealed class MariaDbOrderLog : IOrderLog
{
    private const int MaxRows = 500;
    private readonly string _connectionString;

    public MariaDbOrderLog(MariaDbOrderLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = BatchConnections.Tune(options.ConnectionString);
    }

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<OrderEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in events.Chunk(MaxRows))
        {
            var sql = new StringBuilder("INSERT INTO syncgrid_order_event (occurred_at, direction, source_system, kind, order_id, deal_id, payload_ref, result, error, duration_ms) VALUES ");
            await using var command = connection.CreateCommand();
            for (var i = 0; i < chunk.Length; i++)
            {
                var e = chunk[i];
                var n = i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"(@at{n},@dir{n},@sys{n},@kind{n},@order{n},@deal{n},@ref{n},@result{n},@error{n},@ms{n})");
                command.Parameters.AddWithValue("@at" + n, e.At.UtcDateTime);
                command.Parameters.AddWithValue("@dir" + n, e.Direction);
                command.Parameters.AddWithValue("@sys" + n, e.System);
                command.Parameters.AddWithValue("@kind" + n, e.Kind);
                command.Parameters.AddWithValue("@order" + n, e.OrderId);
                command.Parameters.AddWithValue("@deal" + n, e.DealId);
                command.Parameters.AddWithValue("@ref" + n, Cut(e.PayloadRef, 200));
                command.Parameters.AddWithValue("@result" + n, e.Result);
                command.Parameters.AddWithValue("@error" + n, Cut(e.Error, 2000));
                command.Parameters.AddWithValue("@ms" + n, e.DurationMs);
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrderEventRow>> QueryEventsAsync(OrderEventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.OrderId is { } orderId)
        {
            where.Add("order_id = @order");
            command.Parameters.AddWithValue("@order", orderId);
        }

        if (query.Kind is { } kind)
        {
            where.Add("kind = @kind");
            command.Parameters.AddWithValue("@kind", kind);
        }

        if (query.Result is { } result)
        {
            where.Add("result = @result");
            command.Parameters.AddWithValue("@result", result);
        }

        if (query.BeforeId is { } before)
        {
            where.Add("id < @before");
            command.Parameters.AddWithValue("@before", before);
        }

        command.CommandText = "SELECT id, occurred_at, direction, source_system, kind, order_id, deal_id, payload_ref, result, error, duration_ms FROM syncgrid_order_event"
            + (where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where)) + " ORDER BY id DESC LIMIT @limit";
        command.Parameters.AddWithValue("@limit", Math.Clamp(query.Limit, 1, 1000));
        var rows = new List<OrderEventRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new OrderEventRow(reader.GetInt64(0), new OrderEvent
            {
                At = Utc(reader.GetDateTime(1)),
                Direction = reader.GetString(2),
                System = reader.GetString(3),
                Kind = reader.GetString(4),
                OrderId = reader.IsDBNull(5) ? null : reader.GetInt64(5),
                DealId = reader.IsDBNull(6) ? null : reader.GetInt64(6),
                PayloadRef = reader.IsDBNull(7) ? null : reader.GetString(7),
                Result = reader.GetString(8),
                Error = reader.IsDBNull(9) ? null : reader.GetString(9),
                DurationMs = reader.GetInt64(10),
            }));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, long>> CountEventsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand("SELECT direction, source_system, kind, result, COUNT(*) FROM syncgrid_order_event GROUP BY direction, source_system, kind, result", connection);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[$"{reader.GetString(0)}/{reader.GetString(1)}/{reader.GetString(2)}/{reader.GetString(3)}"] = reader.GetInt64(4);
        }

        return counts;
    }

    /// <inheritdoc />
    public async Task UpsertOrderAsync(OrderIndexRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand(
            "INSERT INTO syncgrid_order (order_id, number, external_id, site, status, deal_id, state, updated_at, last_error) "
            + "VALUES (@id, @number, @external, @site, @status, @deal, @state, @at, @error) ON DUPLICATE KEY UPDATE number = VALUES(number), "
            + "external_id = VALUES(external_id), site = VALUES(site), status = VALUES(status), deal_id = VALUES(deal_id), state = VALUES(state), "
            + "updated_at = VALUES(updated_at), last_error = VALUES(last_error)",
            connection);
        command.Parameters.AddWithValue("@id", row.OrderId);
        command.Parameters.AddWithValue("@number", row.Number);
        command.Parameters.AddWithValue("@external", row.ExternalId);
        command.Parameters.AddWithValue("@site", row.Site);
        command.Parameters.AddWithValue("@status", row.Status);
        command.Parameters.AddWithValue("@deal", row.DealId);
        command.Parameters.AddWithValue("@state", row.State);
        command.Parameters.AddWithValue("@at", row.UpdatedAt.UtcDateTime);
        command.Parameters.AddWithValue("@error", Cut(row.LastError, 2000));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long?> FindOrderIdAsync(string number, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand("SELECT order_id FROM syncgrid_order WHERE number = @number ORDER BY order_id LIMIT 1", connection);
        command.Parameters.AddWithValue("@number", number);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long id ? id : null;
    }

    /// <inheritdoc />
    public Task OpenIncidentAsync(OrderIncident incident, OrderIncidentEntry entry, CancellationToken cancellationToken = default) =>
        UpdateIncidentAsync(incident, entry, cancellationToken);

    /// <inheritdoc />
    public async Task UpdateIncidentAsync(OrderIncident incident, OrderIncidentEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var upsert = new MySqlCommand(
            "INSERT INTO syncgrid_order_incident (id, order_id, scope, code, title, opened_at, closed_at, alerted, last_error, failures) "
            + "VALUES (@id, @order, @scope, @code, @title, @opened, @closed, @alerted, @error, @failures) ON DUPLICATE KEY UPDATE code = VALUES(code), "
            + "closed_at = VALUES(closed_at), alerted = VALUES(alerted), last_error = VALUES(last_error), failures = VALUES(failures)",
            connection,
            transaction))
        {
            upsert.Parameters.AddWithValue("@id", incident.Id);
            upsert.Parameters.AddWithValue("@order", incident.OrderId);
            upsert.Parameters.AddWithValue("@scope", incident.Scope);
            upsert.Parameters.AddWithValue("@code", incident.Code);
            upsert.Parameters.AddWithValue("@title", Cut(incident.Title, 500));
            upsert.Parameters.AddWithValue("@opened", incident.OpenedAt.UtcDateTime);
            upsert.Parameters.AddWithValue("@closed", incident.ClosedAt?.UtcDateTime);
            upsert.Parameters.AddWithValue("@alerted", incident.Alerted);
            upsert.Parameters.AddWithValue("@error", Cut(incident.LastError, 2000));
            upsert.Parameters.AddWithValue("@failures", incident.Failures);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var line = new MySqlCommand("INSERT INTO syncgrid_order_incident_history (incident_id, at, what, detail) VALUES (@id, @at, @what, @detail)", connection, transaction))
        {
            line.Parameters.AddWithValue("@id", incident.Id);
            line.Parameters.AddWithValue("@at", entry.At.UtcDateTime);
            line.Parameters.AddWithValue("@what", entry.What);
            line.Parameters.AddWithValue("@detail", Cut(entry.Detail, 2000));
            await line.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrderIncident>> ListIncidentsAsync(bool openOnly, long? orderId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        if (openOnly)
        {
            where.Add("closed_at IS NULL");
        }

        if (orderId is { } id)
        {
            where.Add("order_id = @order");
            command.Parameters.AddWithValue("@order", id);
        }

        command.CommandText = "SELECT id, order_id, scope, code, title, opened_at, closed_at, alerted, last_error, failures FROM syncgrid_order_incident"
            + (where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where)) + " ORDER BY opened_at DESC, id DESC LIMIT @limit";
        command.Parameters.AddWithValue("@limit", Math.Clamp(limit, 1, 10_000));
        var incidents = new List<OrderIncident>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            incidents.Add(new OrderIncident
            {
                Id = reader.GetString(0),
                OrderId = reader.IsDBNull(1) ? null : reader.GetInt64(1),
                Scope = reader.GetString(2),
                Code = reader.GetString(3),
                Title = reader.GetString(4),
                OpenedAt = Utc(reader.GetDateTime(5)),
                ClosedAt = reader.IsDBNull(6) ? null : Utc(reader.GetDateTime(6)),
                Alerted = reader.GetBoolean(7),
                LastError = reader.IsDBNull(8) ? null : reader.GetString(8),
                Failures = reader.GetInt32(9),
            });
        }

        return incidents;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrderIncidentEntry>> IncidentHistoryAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand("SELECT at, what, detail FROM syncgrid_order_incident_history WHERE incident_id = @id ORDER BY id", connection);
        command.Parameters.AddWithValue("@id", incidentId);
        var lines = new List<OrderIncidentEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            lines.Add(new OrderIncidentEntry(Utc(reader.GetDateTime(0)), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return lines;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static string? Cut(string? text, int max) => text is { } t && t.Length > max ? t[..max] : text;

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
