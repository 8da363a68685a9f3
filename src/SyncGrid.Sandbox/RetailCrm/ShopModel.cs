using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.RetailCrm;

/// <summary>One site (store) of the account: its code, name and the letter its order numbers end with.</summary>
internal sealed class ShopSite
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string NumberSuffix { get; set; } = "A";
}

/// <summary>One entry of the statuses dictionary (§4.1): free-form code, group, active flag.</summary>
internal sealed class ShopStatus
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public bool Active { get; set; } = true;

    public int Ordering { get; set; }

    public string Group { get; set; } = "new";
}

/// <summary>A customer card (§5): a person (<c>customer</c>) or a legal entity (<c>customer_corporate</c>).</summary>
internal sealed class ShopCustomer
{
    public long Id { get; set; }

    public string? ExternalId { get; set; }

    public string Site { get; set; } = string.Empty;

    public string Type { get; set; } = "customer";

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Patronymic { get; set; }

    public string? Email { get; set; }

    public List<string> Phones { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public int? ManagerId { get; set; }

    public ShopCompany? Company { get; set; }
}

/// <summary>The legal entity of a corporate order: name and its INN/KPP (<c>company.contragent</c>).</summary>
internal sealed class ShopCompany
{
    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string? Inn { get; set; }

    public string? Kpp { get; set; }
}

/// <summary>One line of an order.</summary>
internal sealed class ShopItem
{
    public long Id { get; set; }

    public string ProductName { get; set; } = string.Empty;

    public decimal Quantity { get; set; } = 1;

    public decimal InitialPrice { get; set; }

    public decimal DiscountTotal { get; set; }

    public long OfferId { get; set; }

    public string? Article { get; set; }

    public ShopItem Clone() => (ShopItem)MemberwiseClone();
}

/// <summary>One payment of an order.</summary>
internal sealed class ShopPayment
{
    public long Id { get; set; }

    public string Type { get; set; } = "cash";

    public string Status { get; set; } = "not-paid";

    public decimal Amount { get; set; }

    public ShopPayment Clone() => (ShopPayment)MemberwiseClone();
}

/// <summary>An order as the account stores it; serialised to the wire by <see cref="RetailCrmWire"/>.</summary>
internal sealed class ShopOrder
{
    public long Id { get; set; }

    public string? ExternalId { get; set; }

    public string Number { get; set; } = string.Empty;

    public string Site { get; set; } = string.Empty;

    public string Status { get; set; } = "new";

    public string? StatusComment { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset StatusUpdatedAt { get; set; }

    public string OrderType { get; set; } = "eshop-individual";

    public string OrderMethod { get; set; } = "shopping-cart";

    public string Currency { get; set; } = "RUB";

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Patronymic { get; set; }

    public string? Phone { get; set; }

    public string? AdditionalPhone { get; set; }

    public string? Email { get; set; }

    public string? CustomerComment { get; set; }

    public string? ManagerComment { get; set; }

    public int? ManagerId { get; set; }

    public long? CustomerId { get; set; }

    public string? DeliveryCode { get; set; }

    public decimal DeliveryCost { get; set; }

    public string? DeliveryAddress { get; set; }

    public List<ShopItem> Items { get; set; } = [];

    public List<ShopPayment> Payments { get; set; } = [];

    public Dictionary<string, JsonNode?> CustomFields { get; set; } = new(StringComparer.Ordinal);

    public bool FromApi { get; set; }

    public ShopOrder Clone()
    {
        var copy = (ShopOrder)MemberwiseClone();
        copy.Items = [.. Items.Select(i => i.Clone())];
        copy.Payments = [.. Payments.Select(p => p.Clone())];
        copy.CustomFields = new Dictionary<string, JsonNode?>(CustomFields.Select(c => KeyValuePair.Create(c.Key, c.Value?.DeepClone())), StringComparer.Ordinal);
        return copy;
    }

    /// <summary>Σ (initialPrice − discountTotal) × quantity (§8.3).</summary>
    public decimal Summ => Items.Sum(i => (i.InitialPrice - i.DiscountTotal) * i.Quantity);

    /// <summary><see cref="Summ"/> plus the delivery cost.</summary>
    public decimal TotalSumm => Summ + DeliveryCost;
}

/// <summary>Who made a change: the history's <c>source</c> with the user or the API key behind it.</summary>
internal sealed record ShopActor(string Source, int? UserId = null, string? ApiKeyId = null)
{
    public static ShopActor Api(string keyId) => new("api", ApiKeyId: keyId);

    public static ShopActor User(int userId) => new("user", UserId: userId);

    public static ShopActor Code { get; } = new("code");
}

/// <summary>
/// One history record (§3.3) as stored: the reader-relative parts (<c>apiKey.current</c>) are computed when it is
/// served. <see cref="Entity"/> is the snapshot served with it (full on creation, short otherwise).
/// </summary>
internal sealed class ShopHistoryRecord
{
    public long Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the record becomes visible to readers (the visibility-delay knob).</summary>
    public DateTimeOffset VisibleAt { get; set; }

    public bool Created { get; set; }

    public bool Deleted { get; set; }

    public ShopActor Actor { get; set; } = ShopActor.Code;

    public string Field { get; set; } = string.Empty;

    public JsonNode? OldValue { get; set; }

    public JsonNode? NewValue { get; set; }

    public long EntityId { get; set; }

    public JsonObject Entity { get; set; } = [];

    public JsonObject? Item { get; set; }
}
