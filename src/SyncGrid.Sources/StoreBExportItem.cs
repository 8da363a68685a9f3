namespace SyncGrid.Sources;

/// <summary>One partner read from a store B export file, with where it was in the file.</summary>
/// <param name="Result">The partner's records, or why it was rejected.</param>
/// <param name="Index">The partner's index in the <c>partners</c> array: the checkpoint to pass as <see cref="StoreBExportOptions.StartAfter"/>.</param>
/// <param name="ByteOffset">The offset of the partner's first byte in the decompressed, UTF-8 stream.</param>
public sealed record StoreBExportItem(SapEventResult Result, long Index, long ByteOffset)
{
    /// <summary>
    /// The partner's JSON value exactly as read, as UTF-8 (after decompression and transcoding): what a re-publisher
    /// forwards without re-serialising. For a rejection that ends the read it is the unread text at that point (at
    /// most <see cref="MaxTailBytes"/> bytes), which need not be valid JSON or UTF-8.
    /// </summary>
    public ReadOnlyMemory<byte> Utf8Json { get; init; }

    /// <summary>
    /// The export's <c>exportedAt</c> when it came before the <c>partners</c> array (it is then the partner's source
    /// time), else <see langword="null"/> (the reader's fallback time is used).
    /// </summary>
    public DateTimeOffset? ExportedAt { get; init; }

    /// <summary>Whether this item is a rejection that ends the read (a truncated or structurally broken file); nothing follows it.</summary>
    public bool EndsRead { get; init; }

    /// <summary>The most bytes of unread text a read-ending rejection carries in <see cref="Utf8Json"/>.</summary>
    public const int MaxTailBytes = 4096;
}
