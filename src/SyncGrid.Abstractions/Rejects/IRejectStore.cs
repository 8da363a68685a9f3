namespace SyncGrid.Abstractions.Rejects;

/// <summary>
/// Where rejected values are kept so that nothing is lost. Idempotent: the same (store, source id, field, reason, raw
/// value) again increments <see cref="RejectRow.Count"/> and moves <see cref="RejectRow.LastSeen"/>; it never adds a row.
/// A source position advances only after its rejects are recorded.
/// </summary>
public interface IRejectStore
{
    /// <summary>Records a batch of rejects.</summary>
    Task RecordAsync(IReadOnlyList<RejectEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>One page of stored rejects matching the filters, newest first.</summary>
    Task<IReadOnlyList<RejectRow>> QueryAsync(RejectQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Distinct rejects (one per source record, field, reason and raw value; repeated sightings of the same bad value
    /// count once) by reason code among the rejects matching the filters (paging ignored).
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> CountByReasonAsync(RejectQuery query, CancellationToken cancellationToken = default);
}
