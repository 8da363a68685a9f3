namespace SyncGrid.Sources.Import;

/// <summary>Keeps import checkpoints across restarts (MariaDB in a cluster, a file or memory without one).</summary>
public interface ISourceCheckpointStore
{
    /// <summary>The checkpoint of (<paramref name="source"/>, <paramref name="identity"/>), or <see langword="null"/> when there is none.</summary>
    Task<SourceCheckpoint?> GetAsync(string source, string identity, CancellationToken cancellationToken = default);

    /// <summary>
    /// The checkpoints of <paramref name="source"/>, newest first (by <see cref="SourceCheckpoint.UpdatedAt"/>, then by
    /// identity), at most <paramref name="limit"/> (1 or more); empty when there are none.
    /// </summary>
    Task<IReadOnlyList<SourceCheckpoint>> ListAsync(string source, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="checkpoint"/>, durable when the task completes. A checkpoint whose
    /// <see cref="SourceCheckpoint.LastIndex"/> is behind the stored one is ignored, so a stale writer never moves it back.
    /// </summary>
    Task SaveAsync(SourceCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Deletes the checkpoint, so the next import starts from the beginning; false when there was none.</summary>
    Task<bool> DeleteAsync(string source, string identity, CancellationToken cancellationToken = default);
}
