namespace SyncGrid.Abstractions;

/// <summary>
/// One company, keyed by its normalised TIN (<c>Tin.Value</c>): merges every source's records field by field with
/// provenance and routes its contacts to their contact grains.
/// </summary>
[Alias("SyncGrid.Abstractions.ICompanyGrain")]
public interface ICompanyGrain : IGrainWithStringKey
{
    /// <summary>Applies a submission; durable when the task completes. Idempotent.</summary>
    [Alias("Submit")]
    Task<SubmitResult> SubmitAsync(CompanySubmission submission, CancellationToken cancellationToken = default);

    /// <summary>The company's sync state: status, merged fields with provenance, sources, contacts, history.</summary>
    [Alias("GetSyncState")]
    Task<CompanySyncSnapshot> GetSyncStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the company through validation and a Bitrix24 push again although nothing changed: the register is asked
    /// afresh, and the push re-reads the company in Bitrix24 (re-adding it if it was deleted there, fixing drifted title,
    /// phones and e-mails) and re-writes its requisites and bank details by their known ids. Never adds a duplicate:
    /// ids are kept, and a lost add is looked up by ORIGIN_ID first. The work runs after the call returns.
    /// </summary>
    [Alias("Resync")]
    Task<ResyncResult> ResyncAsync(CancellationToken cancellationToken = default);

    /// <summary>The Bitrix24 writes a sync of the company and its contacts would make now, without making them (a dry run).</summary>
    [Alias("PlanBitrix24")]
    Task<CompanyBitrix24Plan> PlanBitrix24Async(CancellationToken cancellationToken = default);
}
