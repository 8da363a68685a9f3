namespace SyncGrid.Sources.Import;

/// <summary>One record an importer publishes: <paramref name="Key"/> keeps one partner's records in one partition, in order.</summary>
/// <param name="Key">The partition key (the partner id, or a position-derived key for a partner without one).</param>
/// <param name="Value">The record's bytes (a <see cref="StoreBExportEnvelope"/>).</param>
public sealed record ImportRecord(string Key, byte[] Value);
