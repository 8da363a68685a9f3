using System.Globalization;

namespace SyncGrid.Sources;

/// <summary>How a place in a store B export file is written: in rejections, the rejects store and Kafka keys.</summary>
public static class StoreBExportPosition
{
    /// <summary>
    /// The position of the partner at <paramref name="index"/> starting at <paramref name="offset"/>:
    /// <c>export.json.gz#partners[12]@3456</c> (the offset is in the decompressed UTF-8 text), or
    /// <c>partners[12]@3456</c> without a file name.
    /// </summary>
    public static string Format(string? fileName, long index, long offset) =>
        string.Create(CultureInfo.InvariantCulture, $"{fileName}{(fileName is null ? "" : "#")}partners[{index}]@{offset}");

    /// <summary>
    /// The key of a partner that has no usable id, derived from where it is: <c>export.json.gz#partners[12]</c>. Stable
    /// across re-reads of the same file, so a re-published malformed partner lands on the same key.
    /// </summary>
    public static string Key(string? fileName, long index) =>
        string.Create(CultureInfo.InvariantCulture, $"{fileName}{(fileName is null ? "" : "#")}partners[{index}]");
}
