namespace SyncGrid.Sources.Import;

/// <summary>What one record of the store B exports topic holds, read back by <see cref="StoreBExportEnvelope.Read"/>.</summary>
/// <param name="Result">The partner's records (position: its file position), or why it is rejected.</param>
/// <param name="Raw">For a <see cref="Rejected"/> result, the raw text to keep in the rejects store (truncated); otherwise <see langword="null"/>.</param>
public sealed record StoreBExportMessage(SapEventResult Result, string? Raw);
