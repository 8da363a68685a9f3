namespace SyncGrid.Abstractions;

/// <summary>
/// The ingest of one store A row, keyed by its record key (<c>companies/&lt;id&gt;</c> or <c>contacts/&lt;id&gt;</c>,
/// the Kafka message key): decodes the row's latin1 bytes, normalises it, records what is rejected (position: table,
/// id and <c>updated_at</c>), and submits the rest to the company grain of the row's TIN (a contact's: its company's).
/// It remembers the last TIN it delivered to, so a row that is deleted, changes TIN or loses its company is
/// withdrawn from the company it was in.
/// </summary>
[Alias("SyncGrid.Abstractions.IStoreARowIngestGrain")]
public interface IStoreARowIngestGrain : IGrainWithStringKey
{
    /// <summary>
    /// Ingests one record value (a store A envelope, UTF-8 JSON) read at <paramref name="transportPosition"/> (the topic
    /// offset, used for an envelope that cannot be read); durable when it completes. Idempotent.
    /// </summary>
    [Alias("Ingest")]
    Task<SubmitResult> IngestAsync(byte[] envelope, string transportPosition, CancellationToken cancellationToken = default);

    /// <summary>The TIN the row was last delivered to, if it is delivered anywhere.</summary>
    [Alias("GetLastTin")]
    Task<string?> GetLastTinAsync(CancellationToken cancellationToken = default);
}
