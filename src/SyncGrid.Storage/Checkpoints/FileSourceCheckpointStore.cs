using System.Text.Json;
using SyncGrid.Sources.Import;

namespace SyncGrid.Storage.Checkpoints;

/// <summary>
/// Checkpoints as small JSON files in one directory (<c>&lt;source&gt;.&lt;identity&gt;.json</c>), for imports run
/// without MariaDB. A save writes a temporary file, flushes it to disk and renames it over the old one, so a crash
/// leaves either the old or the new checkpoint, never a torn one.
/// </summary>
public sealed class FileSourceCheckpointStore : ISourceCheckpointStore, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string _directory;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Keeps checkpoints in <paramref name="directory"/>, which is created when missing.</summary>
    public FileSourceCheckpointStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    /// <summary>The directory holding the checkpoint files.</summary>
    public string Location => _directory;

    /// <inheritdoc />
    public async Task<SourceCheckpoint?> GetAsync(string source, string identity, CancellationToken cancellationToken = default)
    {
        CheckpointKeys.Check(source, identity);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadAsync(PathOf(source, identity), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>Reads every <c>&lt;source&gt;.*.json</c> file; one that is not a readable checkpoint fails the listing, naming it.</remarks>
    public async Task<IReadOnlyList<SourceCheckpoint>> ListAsync(string source, int limit, CancellationToken cancellationToken = default)
    {
        CheckpointKeys.CheckList(source, limit);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!Directory.Exists(_directory))
            {
                return [];
            }

            var found = new List<SourceCheckpoint>();
            foreach (var path in Directory.EnumerateFiles(_directory, $"{source}.*.json"))
            {
                SourceCheckpoint? checkpoint;
                try
                {
                    checkpoint = await ReadAsync(path, cancellationToken).ConfigureAwait(false);
                }
                catch (FileNotFoundException)
                {
                    continue; // deleted since it was listed (an import started again with --restart)
                }

                // "a.*.json" also matches the files of a source named "a.b": keep only this source's own files.
                if (checkpoint is not null && checkpoint.Source == source && string.Equals(Path.GetFileName(path), $"{source}.{checkpoint.Identity}.json", StringComparison.Ordinal))
                {
                    found.Add(checkpoint);
                }
            }

            return [.. CheckpointKeys.NewestFirst(found, limit)];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task SaveAsync(SourceCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckpointKeys.Check(checkpoint.Source, checkpoint.Identity);
        var path = PathOf(checkpoint.Source, checkpoint.Identity);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await ReadAsync(path, cancellationToken).ConfigureAwait(false) is { } stored && checkpoint.LastIndex < stored.LastIndex)
            {
                return;
            }

            var temporary = path + ".tmp";
            var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(file, checkpoint, Json, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string source, string identity, CancellationToken cancellationToken = default)
    {
        CheckpointKeys.Check(source, identity);
        var path = PathOf(source, identity);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existed = File.Exists(path);
            File.Delete(path);
            return existed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private string PathOf(string source, string identity) => Path.Combine(_directory, $"{source}.{identity}.json");

    private static async Task<SourceCheckpoint?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync<SourceCheckpoint>(file, Json, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"The checkpoint file {path} is not a readable checkpoint ({ex.Message}); delete it (or import with --restart) to start that file again.", ex);
            }
        }
    }
}
