using SyncGrid.Abstractions.Orders;

namespace SyncGrid.Grains;

/// <summary>A contact's purchases (RetailCRM orders) and the purchase history last written to its Bitrix24 contact.</summary>
[GenerateSerializer, Alias("SyncGrid.Grains.ContactOrdersState")]
public sealed class ContactOrdersState
{
    /// <summary>The customer's orders by RetailCRM id.</summary>
    [Id(0)]
    public Dictionary<long, OrderPurchase> Purchases { get; set; } = [];

    /// <summary>The purchase history as last written (<c>count|total|last</c>).</summary>
    [Id(1)]
    public string? SyncedHistory { get; set; }
}
