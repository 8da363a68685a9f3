namespace SyncGrid.Abstractions.Orders;

/// <summary>
/// One RetailCRM order, keyed by its stable internal id (the external id is kept as a reference only). Holds the latest
/// order, its Bitrix24 deal id, contact and company, what it last wrote to the deal, the tasks it created and its open
/// incident; syncs the order to its deal and the deal's stage and comment changes back to the order.
/// </summary>
[Alias("SyncGrid.Abstractions.Orders.IOrderGrain")]
public interface IOrderGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Takes the order as RetailCRM had it after history record <see cref="OrderChange.HistoryId"/>; durable when the
    /// task completes. A change at or before the last applied history id is ignored, so a resend changes nothing.
    /// The deal is written afterwards, in the background.
    /// </summary>
    [Alias("Apply")]
    Task<OrderApplyResult> ApplyAsync(OrderChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// The deal was seen in Bitrix24 (an outgoing event or the polling fallback) with this stage and comment. A value
    /// SyncGrid wrote itself is not echoed back; a change made in Bitrix24 goes to the order's status or manager comment.
    /// </summary>
    [Alias("DealChanged")]
    Task DealChangedAsync(DealObservation observation, CancellationToken cancellationToken = default);

    /// <summary>The order's sync state.</summary>
    [Alias("GetSyncState")]
    Task<OrderSyncSnapshot> GetSyncStateAsync(CancellationToken cancellationToken = default);
}
