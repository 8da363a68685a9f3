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

    /// <summary>The TIN the partner last had, if any.</summary>
    [Alias("GetLastTin")]
    Task<string?> GetLastTinAsync(CancellationToken cancellationToken = default);
}
