using System.Text;

namespace SyncGrid.Sources;

/// <summary>How <see cref="StoreBExportReader"/> reads an export file.</summary>
public sealed record StoreBExportOptions
{
    /// <summary>The file's text encoding. Default UTF-8; older exports are windows-1251 (<c>SourceText.Windows1251</c>).</summary>
    public Encoding Encoding { get; init; } = Encoding.UTF8;

    /// <summary>
    /// The index of the last partner already checkpointed by an earlier run; partners up to and including it are
    /// skipped without being mapped. Default <see langword="null"/>: read from the first partner.
    /// </summary>
    public long? StartAfter { get; init; }

    /// <summary>
    /// The last partner already checkpointed, with its byte offset; when set it replaces <see cref="StartAfter"/>. A plain
    /// UTF-8 export in a seekable stream is not scanned up to it: the reader reads the file's head (for
    /// <c>exportedAt</c>) and jumps to the offset. Compressed or transcoded exports are scanned, skipping partners up to
    /// and including its index. Default <see langword="null"/>.
    /// </summary>
    public StoreBExportResumePoint? ResumeAt { get; init; }

    /// <summary>The size of the read buffer in bytes. Default 1 MiB.</summary>
    public int BufferSize { get; init; } = 1 << 20;

    /// <summary>
    /// The largest single partner the reader holds in memory, in bytes; the buffer grows up to this size and a larger
    /// partner ends the read with a rejection. Default 64 MiB.
    /// </summary>
    public int MaxPartnerBytes { get; init; } = 64 << 20;

    /// <summary>A prefix for positions, such as the file name. Default none.</summary>
    public string? SourceName { get; init; }
}
