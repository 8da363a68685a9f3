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
}
