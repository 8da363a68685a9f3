using SyncGrid.Sources.Import;

namespace SyncGrid.Storage.Checkpoints;

/// <summary>Checkpoints in process memory: for tests and in-process runs (the demo, benchmarks) that need no restart.</summary>
public sealed class InMemorySourceCheckpointStore : ISourceCheckpointStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Source, string Identity), SourceCheckpoint> _checkpoints = [];

    /// <inheritdoc />
    public Task<SourceCheckpoint?> GetAsync(string source, string identity, CancellationToken cancellationToken = default)
    {
        CheckpointKeys.Check(source, identity);
        lock (_gate)
        {
            return Task.FromResult(_checkpoints.GetValueOrDefault((source, identity)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SourceCheckpoint>> ListAsync(string source, int limit, CancellationToken cancellationToken = default)
    {
        CheckpointKeys.CheckList(source, limit);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SourceCheckpoint>>([.. CheckpointKeys.NewestFirst(_checkpoints.Values.Where(c => c.Source == source), limit)]);
        }
    }

    /// <inheritdoc />
    public Task SaveAsync(SourceCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckpointKeys.Check(checkpoint.Source, checkpoint.Identity);
        lock (_gate)
        {
            var key = (checkpoint.Source, checkpoint.Identity);
            if (!_checkpoints.TryGetValue(key, out var stored) || checkpoint.LastIndex >= stored.LastIndex)
            {
                _checkpoints[key] = checkpoint;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string source, string identity, CancellationToken cancellationToken = default)
    {
        CheckpointKeys.Check(source, identity);
        lock (_gate)
        {
            return Task.FromResult(_checkpoints.Remove((source, identity)));
        }
    }
}
