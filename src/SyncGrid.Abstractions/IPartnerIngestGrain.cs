namespace SyncGrid.Abstractions;

/// <summary>
/// The ingest of one store B partner, keyed by its partner id (the Kafka message key): parses its change events,
/// normalises them, records what is rejected, and submits the rest to the company grain of the partner's TIN. It
/// remembers the partner's last TIN, so a PartnerDeleted event (which carries no TIN) reaches the right company and a
/// partner whose TIN changes is withdrawn from the old one.
/// </summary>
[Alias("SyncGrid.Abstractions.IPartnerIngestGrain")]
public interface IPartnerIngestGrain : IGrainWithStringKey
{
    /// <summary>Ingests one raw event (UTF-8 JSON) read at <paramref name="position"/>; durable when it completes.</summary>
    [Alias("Ingest")]
    Task<SubmitResult> IngestAsync(byte[] message, string position, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ingests one record of the export importer (a store B export envelope: the partner and its file position) read at
    /// <paramref name="transportPosition"/>. Its partner goes the way of a SAP event; a malformed partner is rejected
    /// with its file position (<c>file#partners[i]@offset</c>), a record that is not an envelope with its transport
    /// position. Durable when it completes.
    /// </summary>
    [Alias("IngestExport")]
    Task<SubmitResult> IngestExportAsync(byte[] record, string transportPosition, CancellationToken cancellationToken = default);

    /// <summary>The TIN the partner last had, if any.</summary>
    [Alias("GetLastTin")]
    Task<string?> GetLastTinAsync(CancellationToken cancellationToken = default);
}
