namespace SyncGrid.Domain.RetailCrm;

/// <summary>
/// The fields of a RetailCRM order SyncGrid uses (§2.4). Keyed by the stable internal <see cref="Id"/>; the
/// <see cref="ExternalId"/> (unique per site, may be absent or non-numeric) is kept as a reference only.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.RetailCrmOrder")]
public sealed record RetailCrmOrder
{
    [Id(0)]
    public required long Id { get; init; }

    [Id(1)]
    public string? ExternalId { get; init; }

    [Id(2)]
    public string Number { get; init; } = string.Empty;

    [Id(3)]
    public string Site { get; init; } = string.Empty;

    [Id(4)]
    public string Status { get; init; } = string.Empty;

    [Id(5)]
    public DateTimeOffset CreatedAt { get; init; }

    [Id(6)]
    public string? OrderType { get; init; }

    [Id(7)]
    public string? OrderMethod { get; init; }

    [Id(8)]
    public string Currency { get; init; } = "RUB";

    [Id(9)]
    public string? FirstName { get; init; }

    [Id(10)]
    public string? LastName { get; init; }

    [Id(11)]
    public string? Patronymic { get; init; }

    [Id(12)]
    public string? Phone { get; init; }

    [Id(13)]
    public string? AdditionalPhone { get; init; }

    [Id(14)]
    public string? Email { get; init; }

    [Id(15)]
    public string? CustomerComment { get; init; }

    [Id(16)]
    public string? ManagerComment { get; init; }

    /// <summary>The RetailCRM user responsible for the order.</summary>
    [Id(17)]
    public int? ManagerId { get; init; }

    /// <summary>Items after discounts.</summary>
    [Id(18)]
    public decimal Summ { get; init; }

    /// <summary>Items plus delivery: the deal amount.</summary>
    [Id(19)]
    public decimal TotalSumm { get; init; }

    /// <summary>The customer card linked to the order (for a corporate order, the legal entity's card).</summary>
    [Id(20)]
    public RetailCrmCustomer? Customer { get; init; }

    /// <summary>The contact person of a corporate order.</summary>
    [Id(21)]
    public RetailCrmCustomer? Contact { get; init; }

    /// <summary>The legal entity of a corporate order, with its TIN when known.</summary>
    [Id(22)]
    public RetailCrmCompany? Company { get; init; }

    [Id(23)]
    public string? DeliveryCode { get; init; }

    [Id(24)]
    public decimal DeliveryCost { get; init; }

    [Id(25)]
    public string? DeliveryAddress { get; init; }

    [Id(26)]
    public ValueList<RetailCrmOrderItem> Items { get; init; }

    [Id(27)]
    public ValueList<RetailCrmPayment> Payments { get; init; }

    [Id(28)]
    public string? StatusComment { get; init; }

    /// <summary><c>contragent.contragentType</c>: <c>individual</c>, <c>legal-entity</c>, <c>enterpreneur</c>.</summary>
    [Id(29)]
    public string? ContragentType { get; init; }

    /// <summary>Whether a legal entity placed the order.</summary>
    public bool IsCorporate => Company is not null || Customer?.Type == "customer_corporate" || ContragentType is "legal-entity" or "enterpreneur";
}

/// <summary>A customer card as embedded in an order.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.RetailCrmCustomer")]
public sealed record RetailCrmCustomer
{
    [Id(0)]
    public long Id { get; init; }

    [Id(1)]
    public string? ExternalId { get; init; }

    /// <summary><c>customer</c> or <c>customer_corporate</c>.</summary>
    [Id(2)]
    public string? Type { get; init; }

    [Id(3)]
    public string? FirstName { get; init; }

    [Id(4)]
    public string? LastName { get; init; }

    [Id(5)]
    public string? Patronymic { get; init; }

    [Id(6)]
    public string? Email { get; init; }

    [Id(7)]
    public ValueList<string> Phones { get; init; }
}

/// <summary>The legal entity of a corporate order.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.RetailCrmCompany")]
public sealed record RetailCrmCompany
{
    [Id(0)]
    public long? Id { get; init; }

    [Id(1)]
    public string? Name { get; init; }

    /// <summary>The TIN (<c>contragent.INN</c>) as entered: still to be validated.</summary>
    [Id(2)]
    public string? Inn { get; init; }

    [Id(3)]
    public string? Kpp { get; init; }
}

/// <summary>One line of an order.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.RetailCrmOrderItem")]
public sealed record RetailCrmOrderItem
{
    [Id(0)]
    public long Id { get; init; }

    [Id(1)]
    public string ProductName { get; init; } = string.Empty;

    [Id(2)]
    public decimal Quantity { get; init; }

    [Id(3)]
    public decimal InitialPrice { get; init; }

    /// <summary>Discount per unit.</summary>
    [Id(4)]
    public decimal DiscountTotal { get; init; }

    /// <summary>(price − discount) × quantity.</summary>
    public decimal LineTotal => (InitialPrice - DiscountTotal) * Quantity;
}

/// <summary>One payment of an order.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.RetailCrmPayment")]
public sealed record RetailCrmPayment
{
    [Id(0)]
    public string? Type { get; init; }

    [Id(1)]
    public string? Status { get; init; }

    [Id(2)]
    public decimal Amount { get; init; }
}
