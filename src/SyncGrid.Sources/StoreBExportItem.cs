namespace SyncGrid.Sources;

/// <summary>One partner read from a store B export file, with where it was in the file.</summary>
/// <param name="Result">The partner's records, or why it was rejected.</param>
/// <param name="Index">The partner's index in the <c>partners</c> array: the checkpoint to pass as <see cref="StoreBExportOptions.StartAfter"/>.</param>
/// <param name="ByteOffset">The offset of the partner's first byte in the decompressed, UTF-8 stream.</param>
public sealed record StoreBExportItem(SapEventResult Result, long Index, long ByteOffset);
