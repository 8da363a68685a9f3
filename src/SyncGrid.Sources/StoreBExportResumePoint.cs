namespace SyncGrid.Sources;

/// <summary>Where a resumed read of an export continues: after the partner at <paramref name="Index"/>.</summary>
/// <param name="Index">The index of the last partner already handled (it is skipped, like everything before it).</param>
/// <param name="ByteOffset">That partner's <see cref="StoreBExportItem.ByteOffset"/>.</param>
public sealed record StoreBExportResumePoint(long Index, long ByteOffset);
