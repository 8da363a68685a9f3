namespace SyncGrid.Sources.StoreA;

/// <summary>
/// Reads store A's replica in keyset pages, paced. Implemented over MySqlConnector by <see cref="MySqlStoreAReader"/>.
/// </summary>
public interface IStoreAReader
{
    /// <summary>The largest page a read may ask for (the pace allows no more rows in one second).</summary>
    int MaxPageSize { get; }

    /// <summary>
    /// Up to <paramref name="limit"/> rows of <paramref name="table"/> strictly after <paramref name="after"/> in
    /// <c>(updated_at, id)</c> order. Contacts come with their company's <c>inn</c>, <c>is_deleted</c> and <c>updated_at</c>.
    /// </summary>
    Task<IReadOnlyList<StoreARow>> ReadPageAsync(StoreATable table, StoreAPosition after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> contacts of the given companies with an id above <paramref name="afterId"/>, in id
    /// order, with their company as <see cref="ReadPageAsync"/> gives it: what a company's change means for its contacts.
    /// </summary>
    Task<IReadOnlyList<StoreAContactRow>> ReadContactsOfCompaniesAsync(IReadOnlyCollection<long> companyIds, long afterId, int limit, CancellationToken cancellationToken = default);
}
