namespace SyncGrid.Sources.Import;

/// <summary>
/// How far an import of one source (an export file) got: the last partner whose record Kafka acknowledged, and counts.
/// It only ever moves forward while the same file is imported; <c>--restart</c> deletes it.
/// </summary>
public sealed record SourceCheckpoint
{
    /// <summary>The kind of source, for example <see cref="StoreBExportImporter.CheckpointSource"/>.</summary>
    public required string Source { get; init; }

    /// <summary>The source's identity within its kind, for a file <see cref="ExportFileIdentity.Id"/> (64 hex digits).</summary>
    public required string Identity { get; init; }

    /// <summary>A name to show (the file name); not part of the key.</summary>
    public required string Name { get; init; }

    /// <summary>The file's size in bytes when the import started.</summary>
    public long Size { get; init; }

    /// <summary>The index of the last acknowledged partner; -1 when none was (an export without partners).</summary>
    public long LastIndex { get; init; } = -1;

    /// <summary>That partner's offset in the decompressed UTF-8 text (<see cref="StoreBExportItem.ByteOffset"/>).</summary>
    public long ByteOffset { get; init; }

    /// <summary>Records acknowledged up to <see cref="LastIndex"/>, over every run of this import.</summary>
    public long Records { get; init; }

    /// <summary>How many of <see cref="Records"/> were malformed partners (published as rejections).</summary>
    public long Rejected { get; init; }

    /// <summary>When the import of this file started (its first run).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the checkpoint last moved.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the whole file was read and acknowledged; <see langword="null"/> while it is not.</summary>
    public DateTimeOffset? CompletedAt { get; init; }
}
