using SyncGrid.Domain.Orders;

namespace SyncGrid.Abstractions.Orders;

/// <summary>What an order asks of its customer's contact grain: find or create the Bitrix24 contact, and record the purchase.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderContactRequest")]
public sealed record OrderContactRequest
{
    [Id(0)]
    public required OrderCustomer Customer { get; init; }

    /// <summary>The order as a purchase of the customer.</summary>
    [Id(1)]
    public required OrderPurchase Purchase { get; init; }

    /// <summary>The Bitrix24 company to bind a new contact to (a legal entity known to the grid).</summary>
    [Id(2)]
    public long? CompanyId { get; init; }

    /// <summary>The Bitrix24 gateway key.</summary>
    [Id(3)]
    public required string Portal { get; init; }

    /// <summary>The user fields of the purchase history on contacts.</summary>
    [Id(4)]
    public required PurchaseHistoryFields Fields { get; init; }
}

/// <summary>One order as a purchase: counted in the contact's history; cancelled and returned orders add nothing to the total spent.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderPurchase")]
public sealed record OrderPurchase(
    [property: Id(0)] long OrderId,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] bool Cancelled);

/// <summary>The contact user fields the purchase history goes to.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.PurchaseHistoryFields")]
public sealed record PurchaseHistoryFields(
    [property: Id(0)] string OrdersCount,
    [property: Id(1)] string TotalSpent,
    [property: Id(2)] string LastOrderAt);

/// <summary>The contact an order is attached to, or why there is none yet.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderContactResult")]
public sealed record OrderContactResult
{
    [Id(0)]
    public long? ContactId { get; init; }

    /// <summary>Whether the failure is worth retrying (lost answer, limits) or needs a person (refused).</summary>
    [Id(1)]
    public bool Retry { get; init; }

    [Id(2)]
    public string? Error { get; init; }

    /// <summary>How the contact was found: <c>known</c>, <c>found-by-origin</c>, <c>duplicate-email</c>, <c>duplicate-phone</c>, <c>created</c>.</summary>
    [Id(3)]
    public string? How { get; init; }
}
