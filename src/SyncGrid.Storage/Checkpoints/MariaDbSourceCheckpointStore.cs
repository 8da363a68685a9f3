using MySqlConnector;
using SyncGrid.Sources.Import;

namespace SyncGrid.Storage.Checkpoints;

/// <summary>
/// Checkpoints in MariaDB (<c>deploy/sql/013_source_checkpoints.sql</c>): one row per (source, identity), upserted in
/// one statement that leaves the row alone when the stored <c>last_index</c> is ahead of the written one.
/// </summary>
public sealed class MariaDbSourceCheckpointStore : ISourceCheckpointStore
{
    private const string Table = "syncgrid_source_checkpoint";
    private const int TableMissing = 1146;
    private const string Columns = "source, identity, name, size_bytes, last_index, byte_offset, records, rejected, started_at, updated_at, completed_at";

    // MariaDB applies the assignments left to right and later ones see earlier results, so last_index goes last and
    // every assignment tests the stored value against the written one.
    private const string Upsert = $"""
        INSERT INTO {Table} (source, identity, name, size_bytes, last_index, byte_offset, records, rejected, started_at, updated_at, completed_at)
        VALUES (@source, @identity, @name, @size, @lastIndex, @offset, @records, @rejected, @startedAt, @updatedAt, @completedAt)
        ON DUPLICATE KEY UPDATE
          name = IF(VALUES(last_index) >= last_index, VALUES(name), name),
          size_bytes = IF(VALUES(last_index) >= last_index, VALUES(size_bytes), size_bytes),
          byte_offset = IF(VALUES(last_index) >= last_index, VALUES(byte_offset), byte_offset),
          records = IF(VALUES(last_index) >= last_index, VALUES(records), records),
          rejected = IF(VALUES(last_index) >= last_index, VALUES(rejected), rejected),
          started_at = IF(VALUES(last_index) >= last_index, VALUES(started_at), started_at),
          updated_at = IF(VALUES(last_index) >= last_index, VALUES(updated_at), updated_at),
          completed_at = IF(VALUES(last_index) >= last_index, VALUES(completed_at), completed_at),
          last_index = GREATEST(last_index, VALUES(last_index))
        """;

    private readonly string _connectionString;

    public MariaDbSourceCheckpointStore(MariaDbSourceCheckpointStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        _connectionString = options.ConnectionString;
    }

    /// <inheritdoc />
    public async Task<SourceCheckpoint?> GetAsync(string source, string identity, CancellationToken cancellationToken = default)
    {
        CheckpointKeys.Check(source, identity);
        return await RunAsync(async connection =>
        {
            await using var command = new MySqlCommand($"SELECT {Columns} FROM {Table} WHERE source = @source AND identity = @identity", connection);
            command.Parameters.AddWithValue("@source", source);
            command.Parameters.AddWithValue("@identity", identity);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SourceCheckpoint>> ListAsync(string source, int limit, CancellationToken cancellationToken = default)
    {
        CheckpointKeys.CheckList(source, limit);
        return await RunAsync<IReadOnlyList<SourceCheckpoint>>(async connection =>
        {
            await using var command = new MySqlCommand(
                $"SELECT {Columns} FROM {Table} WHERE source = @source ORDER BY updated_at DESC, identity LIMIT @limit", connection);
            command.Parameters.AddWithValue("@source", source);
            command.Parameters.AddWithValue("@limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<SourceCheckpoint>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(Read(reader));
            }

            return list;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SaveAsync(SourceCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckpointKeys.Check(checkpoint.Source, checkpoint.Identity);
        await RunAsync(async connection =>
        {
            await using var command = new MySqlCommand(Upsert, connection);
            command.Parameters.AddWithValue("@source", checkpoint.Source);
            command.Parameters.AddWithValue("@identity", checkpoint.Identity);
            command.Parameters.AddWithValue("@name", checkpoint.Name);
            command.Parameters.AddWithValue("@size", checkpoint.Size);
            command.Parameters.AddWithValue("@lastIndex", checkpoint.LastIndex);
            command.Parameters.AddWithValue("@offset", checkpoint.ByteOffset);
            command.Parameters.AddWithValue("@records", checkpoint.Records);
            command.Parameters.AddWithValue("@rejected", checkpoint.Rejected);
            command.Parameters.AddWithValue("@startedAt", checkpoint.StartedAt.UtcDateTime);
            command.Parameters.AddWithValue("@updatedAt", checkpoint.UpdatedAt.UtcDateTime);
            command.Parameters.AddWithValue("@completedAt", checkpoint.CompletedAt?.UtcDateTime);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string source, string identity, CancellationToken cancellationToken = default)
    {
        CheckpointKeys.Check(source, identity);
        return await RunAsync(async connection =>
        {
            await using var command = new MySqlCommand($"DELETE FROM {Table} WHERE source = @source AND identity = @identity", connection);
            command.Parameters.AddWithValue("@source", source);
            command.Parameters.AddWithValue("@identity", identity);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static SourceCheckpoint Read(MySqlDataReader reader) => new()
    {
        Source = reader.GetString(0),
        Identity = reader.GetString(1),
        Name = reader.GetString(2),
        Size = reader.GetInt64(3),
        LastIndex = reader.GetInt64(4),
        ByteOffset = reader.GetInt64(5),
        Records = reader.GetInt64(6),
        Rejected = reader.GetInt64(7),
        StartedAt = Utc(reader.GetDateTime(8)),
        UpdatedAt = Utc(reader.GetDateTime(9)),
        CompletedAt = reader.IsDBNull(10) ? null : Utc(reader.GetDateTime(10)),
    };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private async Task<T> RunAsync<T>(Func<MySqlConnection, Task<T>> action, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(_connectionString);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return await action(connection).ConfigureAwait(false);
            }
            catch (MySqlException ex) when (ex.Number == TableMissing)
            {
                throw new InvalidOperationException($"The database has no {Table} table: apply the schema first (syncgrid db migrate).", ex);
            }
        }
    }
}
