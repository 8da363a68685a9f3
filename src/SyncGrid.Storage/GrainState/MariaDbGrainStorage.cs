using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using SyncGrid.Storage.Batching;

namespace SyncGrid.Storage.GrainState;

/// <summary>
/// Grain storage on MariaDB that group-commits: reads and writes from many grain activations are executed as
/// multi-row statements, so the database sees a few large round trips instead of one per grain. Each grain still
/// gets exact optimistic concurrency: a write carries the version it read and a random token, the batch applies a
/// row only where the stored version matches, and a read-back of (version, token) tells every writer whether it won.
/// States are serialized with the Orleans binary serializer (<c>[GenerateSerializer]</c>/<c>[Id]</c> types), which
/// tolerates added members and is not tied to CLR type names.
/// </summary>
public sealed partial class MariaDbGrainStorage : IGrainStorage, IAsyncDisposable
{
    private const string Table = "syncgrid_grain_state";

    private readonly string _serviceId;
    private readonly string _connectionString;
    private readonly Serializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly ILogger<MariaDbGrainStorage> _logger;
    private readonly GroupCommitQueue<ReadRequest, ReadResult> _reads;
    private readonly GroupCommitQueue<WriteRequest, WriteResult> _writes;
    private readonly IDisposable[] _gauges;

    /// <param name="serviceId">The Orleans service id the states belong to.</param>
    /// <param name="options">Connection and batching.</param>
    /// <param name="serializer">The Orleans serializer of the states.</param>
    /// <param name="activators">Creates empty states.</param>
    /// <param name="logger">The log.</param>
    /// <param name="metrics">Where batch sizes, durations and queue depths are reported (none when null).</param>
    /// <param name="name">The storage's name (the <c>storage</c> tag of the metrics). Default <c>syncgrid</c>.</param>
    public MariaDbGrainStorage(string serviceId, MariaDbGrainStorageOptions options, Serializer serializer, IActivatorProvider activators, ILogger<MariaDbGrainStorage> logger,
        GrainStorageMetrics? metrics = null, string name = "syncgrid")
    {
        ArgumentNullException.ThrowIfNull(options);
        _serviceId = serviceId;
        _connectionString = Batching.BatchConnections.Tune(options.ConnectionString);
        _serializer = serializer;
        _activators = activators;
        _logger = logger;
        _reads = new(ReadBatchAsync, options.MaxBatchSize, options.MaxConcurrentBatches,
            metrics is null ? null : (states, duration) => metrics.Batch(name, "read", states, duration));
        _writes = new(WriteBatchAsync, options.MaxBatchSize, options.MaxConcurrentBatches,
            metrics is null ? null : (states, duration) => metrics.Batch(name, "write", states, duration));
        _gauges = metrics is null ? [] : [metrics.TrackQueue(name, "read", () => _reads.Waiting), metrics.TrackQueue(name, "write", () => _writes.Waiting)];
    }

    /// <summary>Grain states written so far and the batches they took: the ratio is the group-commit factor.</summary>
    public (long States, long Batches) WriteStatistics => (_writes.Items, _writes.Batches);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var result = await _reads.EnqueueAsync(new ReadRequest(stateName, grainId.ToString())).ConfigureAwait(false);
        if (result.Payload is null)
        {
            grainState.State = _activators.GetActivator<T>().Create();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = _serializer.Deserialize<T>(result.Payload);
        grainState.ETag = result.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var expected = grainState.ETag is null ? 0 : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var payload = _serializer.SerializeToArray(grainState.State);
        var request = new WriteRequest(stateName, grainId.ToString(), expected, payload, Random.Shared.NextInt64());
        var result = await _writes.EnqueueAsync(request).ConfigureAwait(false);
        if (!result.Won)
        {
            throw new InconsistentStateException(
                $"Version conflict writing state '{stateName}' of {grainId}: this activation read version {expected}, the database holds {result.StoredVersion?.ToString(CultureInfo.InvariantCulture) ?? "a row written by another activation"}.",
                result.StoredVersion?.ToString(CultureInfo.InvariantCulture),
                grainState.ETag);
        }

        grainState.ETag = (expected + 1).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (grainState.ETag is not null)
        {
            await using var connection = new MySqlConnection(_connectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new MySqlCommand(
                $"DELETE FROM {Table} WHERE service_id = @service AND state_name = @name AND grain_id = @grain AND version = @version", connection);
            command.Parameters.AddWithValue("@service", _serviceId);
            command.Parameters.AddWithValue("@name", stateName);
            command.Parameters.AddWithValue("@grain", grainId.ToString());
            command.Parameters.AddWithValue("@version", int.Parse(grainState.ETag, CultureInfo.InvariantCulture));
            if (await command.ExecuteNonQueryAsync().ConfigureAwait(false) == 0)
            {
                throw new InconsistentStateException($"Version conflict clearing state '{stateName}' of {grainId}: version {grainState.ETag} is no longer stored.", null, grainState.ETag);
            }
        }

        grainState.State = _activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var gauge in _gauges)
        {
            gauge.Dispose();
        }

        await _writes.DisposeAsync().ConfigureAwait(false);
        await _reads.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ReadResult>> ReadBatchAsync(IReadOnlyList<ReadRequest> requests, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string, string), ReadResult>();
        await using var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var group in requests.GroupBy(r => r.StateName, StringComparer.Ordinal))
        {
            var ids = group.Select(r => r.GrainId).Distinct(StringComparer.Ordinal).ToList();
            await using var command = connection.CreateCommand();
            var sql = new StringBuilder($"SELECT grain_id, version, payload FROM {Table} WHERE service_id = @service AND state_name = @name AND grain_id IN (");
            for (var i = 0; i < ids.Count; i++)
            {
                sql.Append(i == 0 ? "@g" : ",@g").Append(i.ToString(CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("@g" + i.ToString(CultureInfo.InvariantCulture), ids[i]);
            }

            command.CommandText = sql.Append(')').ToString();
            command.Parameters.AddWithValue("@service", _serviceId);
            command.Parameters.AddWithValue("@name", group.Key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found[(group.Key, reader.GetString(0))] = new ReadResult(reader.GetInt32(1), (byte[])reader.GetValue(2));
            }
        }

        return requests.Select(r => found.TryGetValue((r.StateName, r.GrainId), out var hit) ? hit : ReadResult.Missing).ToList();
    }

    private async Task<IReadOnlyList<WriteResult>> WriteBatchAsync(IReadOnlyList<WriteRequest> requests, CancellationToken cancellationToken)
    {
        // Rows are locked in one order in every batch, so concurrent batches cannot deadlock on each other's rows;
        // a deadlock with anything else rolls the whole batch back and is retried.
        var ordered = requests.Select((r, i) => (Request: r, Index: i))
            .OrderBy(x => x.Request.StateName, StringComparer.Ordinal)
            .ThenBy(x => x.Request.GrainId, StringComparer.Ordinal)
            .ToList();
        return await Deadlocks.RetryAsync(
            () => TryWriteBatchAsync(requests, ordered, cancellationToken),
            (attempt, error) => LogBatchRetried(_logger, requests.Count, attempt, error)).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<WriteResult>> TryWriteBatchAsync(IReadOnlyList<WriteRequest> requests, List<(WriteRequest Request, int Index)> ordered, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // One round trip: the conditional multi-row upsert, then one verification SELECT per state name.
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO {Table} (service_id, state_name, grain_id, version, write_token, payload, modified_at) VALUES ");
        for (var i = 0; i < ordered.Count; i++)
        {
            var r = ordered[i].Request;
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"(@service,@n{n},@g{n},@v{n},@t{n},@p{n},UTC_TIMESTAMP(6))");
            command.Parameters.AddWithValue("@n" + n, r.StateName);
            command.Parameters.AddWithValue("@g" + n, r.GrainId);
            command.Parameters.AddWithValue("@v" + n, r.ExpectedVersion + 1);
            command.Parameters.AddWithValue("@t" + n, r.Token);
            command.Parameters.AddWithValue("@p" + n, r.Payload);
        }

        // The version assignment comes last: every IF before it still sees the stored version.
        sql.Append(" ON DUPLICATE KEY UPDATE")
            .Append(" payload = IF(version = VALUES(version) - 1, VALUES(payload), payload),")
            .Append(" write_token = IF(version = VALUES(version) - 1, VALUES(write_token), write_token),")
            .Append(" modified_at = IF(version = VALUES(version) - 1, VALUES(modified_at), modified_at),")
            .Append(" version = IF(version = VALUES(version) - 1, VALUES(version), version);");
        var groups = ordered.Select((x, i) => (x.Request.StateName, Index: i)).GroupBy(x => x.StateName, StringComparer.Ordinal).ToList();
        for (var g = 0; g < groups.Count; g++)
        {
            var name = "@s" + g.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, groups[g].Key);
            sql.Append(CultureInfo.InvariantCulture, $" SELECT state_name, grain_id, version, write_token FROM {Table} WHERE service_id = @service AND state_name = {name} AND grain_id IN (");
            sql.AppendJoin(',', groups[g].Select(x => "@g" + x.Index.ToString(CultureInfo.InvariantCulture))).Append(");");
        }

        command.CommandText = sql.ToString();
        command.Parameters.AddWithValue("@service", _serviceId);
        var stored = new Dictionary<(string, string), (int Version, long Token)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    stored[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt32(2), reader.GetInt64(3));
                }
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        var results = new WriteResult[requests.Count];
        foreach (var (request, index) in ordered)
        {
            results[index] = stored.TryGetValue((request.StateName, request.GrainId), out var row)
                ? new WriteResult(row.Version == request.ExpectedVersion + 1 && row.Token == request.Token, row.Version)
                : new WriteResult(false, null);
        }

        return results;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "A batch of {States} grain state writes hit {Error} (attempt {Attempt}); retrying the batch")]
    private static partial void LogBatchRetried(ILogger logger, int states, int attempt, MySqlErrorCode error);

    private sealed record ReadRequest(string StateName, string GrainId);

    private sealed record ReadResult(int Version, byte[]? Payload)
    {
        public static ReadResult Missing { get; } = new(0, null);
    }

    private sealed record WriteRequest(string StateName, string GrainId, int ExpectedVersion, byte[] Payload, long Token);

    private sealed record WriteResult(bool Won, int? StoredVersion);
}
