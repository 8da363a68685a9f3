using System.Globalization;
using SyncGrid.Abstractions.Progress;
using SyncGrid.Sources.Import;

namespace SyncGrid.Storage.Checkpoints;

/// <summary>
/// The progress of store B export imports: one row per export file with a checkpoint
/// (<see cref="StoreBExportImporter.CheckpointSource"/>), the newest <see cref="MaxFiles"/>, named <c>export:&lt;file name&gt;</c>
/// (an older file of the same name gets <c>@</c> and the start of its identity). The position is the checkpoint an
/// interrupted import resumes from: the last acknowledged partner's index and byte offset in the decompressed text,
/// rejected records, the file's size, and whether the file is completed. <see cref="SourceProgress.Processed"/> counts
/// acknowledged records; a completed file's total is its records and its lag 0, a file still in progress has neither.
/// </summary>
public sealed class ExportCheckpointProgressProvider(ISourceCheckpointStore checkpoints, TimeProvider time) : ISourceProgressProvider
{
    /// <summary>How many files are reported at most, newest first.</summary>
    public const int MaxFiles = 100;

    /// <summary>The name of the row that reports a checkpoint store that cannot be read.</summary>
    public const string StoreRow = "export:checkpoints";

    private const string Kind = "export-file";
    private const string Unit = "records";

    /// <inheritdoc />
    public async Task<IReadOnlyList<SourceProgress>> GetProgressAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<SourceCheckpoint> files;
        try
        {
            files = await checkpoints.ListAsync(StoreBExportImporter.CheckpointSource, MaxFiles, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [new SourceProgress(StoreRow, Kind, null, null, null, null, Unit, $"The export checkpoints could not be read: {ex.Message}", time.GetUtcNow())];
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<SourceProgress>(files.Count);
        foreach (var file in files)
        {
            var name = "export:" + file.Name;
            if (!names.Add(name))
            {
                name += "@" + file.Identity[..Math.Min(12, file.Identity.Length)];
            }

            rows.Add(Row(name, file));
        }

        return rows;
    }

    private static SourceProgress Row(string name, SourceCheckpoint file)
    {
        var state = file.CompletedAt is { } done
            ? string.Create(CultureInfo.InvariantCulture, $"completed {done.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z")
            : string.Create(CultureInfo.InvariantCulture, $"in progress since {file.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
        var position = string.Create(CultureInfo.InvariantCulture,
            $"last index {file.LastIndex}, byte offset {file.ByteOffset}, {file.Rejected} rejected, file {file.Size} bytes; {state}");
        var completed = file.CompletedAt is not null;
        return new SourceProgress(name, Kind, position, file.Records, completed ? file.Records : null, completed ? 0 : null, Unit, null, file.UpdatedAt);
    }
}
