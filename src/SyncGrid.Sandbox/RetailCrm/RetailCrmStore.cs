using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.RetailCrm;

/// <summary>
/// The account's data: sites, the statuses dictionary, customers, orders and the order history. Every mutation
/// (through the API, the control endpoint or the generator) goes through <see cref="CreateOrder"/>,
/// <see cref="EditOrder"/> or <see cref="DeleteOrder"/>, which append one history record per changed field with a
/// global increasing id and one <c>createdAt</c> per save (§3.3, §8.1 item 10). Not thread-safe by itself: callers hold
/// <see cref="Gate"/>.
/// </summary>
internal sealed class RetailCrmStore(TimeProvider time)
{
    public static readonly string[] StatusGroups = ["new", "approval", "assembling", "delivery", "complete", "cancel"];

    public Lock Gate { get; } = new();

    public List<ShopSite> Sites { get; } = [];

    /// <summary>The statuses dictionary in insertion order (codes are unique).</summary>
    public List<ShopStatus> Statuses { get; } = [];

    public SortedDictionary<long, ShopCustomer> Customers { get; } = [];

    public SortedDictionary<long, ShopOrder> Orders { get; } = [];

    public List<ShopHistoryRecord> History { get; } = [];

    public List<ShopHistoryRecord> CustomerHistory { get; } = [];

    /// <summary>Delay before a new history record is served (the <c>history.visibilityDelay</c> knob).</summary>
    public TimeSpan VisibilityDelay { get; set; }

    /// <summary>Forbidden status transitions (from → to) an edit is refused for (the <c>statusTransitions</c> knob).</summary>
    public HashSet<(string From, string To)> ForbiddenTransitions { get; } = [];

    public long LastOrderId { get; private set; }

    public long LastHistoryId { get; private set; }

    private long _lastCustomerId;
    private long _lastItemId;
    private long _lastPaymentId;
    private long _lastCompanyId;

    public ShopStatus? Status(string? code) => code is null ? null : Statuses.Find(s => s.Code == code);

    public ShopSite? Site(string? code) => code is null ? null : Sites.Find(s => s.Code == code);

    public ShopCustomer? CustomerOf(ShopOrder order) => order.CustomerId is { } id && Customers.TryGetValue(id, out var c) ? c : null;

    public ShopOrder? FindOrder(string key, bool byId, string? site) =>
        byId
            ? long.TryParse(key, out var id) && Orders.TryGetValue(id, out var o) ? o : null
            : Orders.Values.FirstOrDefault(x => x.ExternalId == key && (site is null || x.Site == site));

    public void Clear()
    {
        Sites.Clear();
        Statuses.Clear();
        Customers.Clear();
        Orders.Clear();
        History.Clear();
        CustomerHistory.Clear();
        ForbiddenTransitions.Clear();
        LastOrderId = LastHistoryId = _lastCustomerId = _lastItemId = _lastPaymentId = _lastCompanyId = 0;
    }

    public ShopCustomer CreateCustomer(ShopCustomer draft, ShopActor actor, DateTimeOffset? at = null)
    {
        draft.Id = ++_lastCustomerId;
        draft.CreatedAt = at ?? time.GetUtcNow();
        if (draft.Company is { Id: 0 } company)
        {
            company.Id = ++_lastCompanyId;
        }

        Customers[draft.Id] = draft;
        CustomerHistory.Add(new ShopHistoryRecord
        {
            Id = CustomerHistory.Count + 1,
            CreatedAt = draft.CreatedAt,
            VisibleAt = time.GetUtcNow() + VisibilityDelay,
            Created = true,
            Actor = actor,
            Field = "id",
            NewValue = draft.Id,
            EntityId = draft.Id,
            Entity = new JsonObject { ["id"] = draft.Id, ["site"] = draft.Site },
        });
        return draft;
    }

    /// <summary>Creates an order: ids for it, its items and payments, its number; a <c>created</c> history record with the full snapshot.</summary>
    public ShopOrder CreateOrder(ShopOrder draft, ShopActor actor, RetailCrmWire wire, DateTimeOffset? at = null)
    {
        var moment = at ?? time.GetUtcNow();
        draft.Id = ++LastOrderId;
        if (string.IsNullOrEmpty(draft.Number))
        {
            draft.Number = $"{draft.Id}{Site(draft.Site)?.NumberSuffix ?? "A"}";
        }

        draft.CreatedAt = moment;
        draft.StatusUpdatedAt = moment;
        draft.FromApi = actor.Source == "api";
        foreach (var item in draft.Items.Where(i => i.Id == 0))
        {
            item.Id = ++_lastItemId;
        }

        foreach (var payment in draft.Payments.Where(p => p.Id == 0))
        {
            payment.Id = ++_lastPaymentId;
        }

        Orders[draft.Id] = draft;
        Append(moment, actor, draft, "status", null, Code(draft.Status), created: true, snapshot: wire.Order(draft, CustomerOf(draft)));
        return draft;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to a copy of the order and records one history record per changed field (all
    /// with the same <c>createdAt</c>). Nothing changed: no record. Returns the number of records written.
    /// </summary>
    public int EditOrder(ShopOrder order, Action<ShopOrder> change, ShopActor actor, DateTimeOffset? at = null)
    {
        var moment = at ?? time.GetUtcNow();
        var before = order.Clone();
        var after = order.Clone();
        change(after);
        foreach (var item in after.Items.Where(i => i.Id == 0))
        {
            item.Id = ++_lastItemId;
        }

        foreach (var payment in after.Payments.Where(p => p.Id == 0))
        {
            payment.Id = ++_lastPaymentId;
        }

        if (after.Status != before.Status)
        {
            after.StatusUpdatedAt = moment;
        }

        var records = Diff(before, after).ToList();
        if (records.Count == 0)
        {
            return 0;
        }

        Orders[order.Id] = after;
        foreach (var (field, oldValue, newValue, item) in records)
        {
            Append(moment, actor, after, field, oldValue, newValue, item: item);
        }

        return records.Count;
    }

    public void DeleteOrder(ShopOrder order, ShopActor actor, DateTimeOffset? at = null)
    {
        Orders.Remove(order.Id);
        Append(at ?? time.GetUtcNow(), actor, order, "id", order.Id, null, deleted: true);
    }

    private void Append(DateTimeOffset at, ShopActor actor, ShopOrder order, string field, JsonNode? oldValue, JsonNode? newValue,
        bool created = false, bool deleted = false, JsonObject? snapshot = null, JsonObject? item = null)
    {
        History.Add(new ShopHistoryRecord
        {
            Id = ++LastHistoryId,
            CreatedAt = at,
            VisibleAt = time.GetUtcNow() + VisibilityDelay,
            Created = created,
            Deleted = deleted,
            Actor = actor,
            Field = field,
            OldValue = oldValue,
            NewValue = newValue,
            EntityId = order.Id,
            Entity = snapshot ?? RetailCrmWire.ShortOrder(order),
            Item = item,
        });
    }

    private static JsonObject? Code(string? code) => code is null ? null : new JsonObject { ["code"] = code };

    private static JsonObject? Id(long? id) => id is null ? null : new JsonObject { ["id"] = id };

    private static JsonValue? Text(string? value) => string.IsNullOrEmpty(value) ? null : JsonValue.Create(value);

    /// <summary>The history field names of §3.3 that differ between two versions of an order.</summary>
    private static IEnumerable<(string Field, JsonNode? Old, JsonNode? New, JsonObject? Item)> Diff(ShopOrder a, ShopOrder b)
    {
        if (a.Status != b.Status)
        {
            yield return ("status", Code(a.Status), Code(b.Status), null);
        }

        if (a.ManagerId != b.ManagerId)
        {
            yield return ("manager", Id(a.ManagerId), Id(b.ManagerId), null);
        }

        if (a.CustomerId != b.CustomerId)
        {
            yield return ("customer", Id(a.CustomerId), Id(b.CustomerId), null);
        }

        foreach (var (field, x, y) in new[]
        {
            ("first_name", a.FirstName, b.FirstName), ("last_name", a.LastName, b.LastName), ("patronymic", a.Patronymic, b.Patronymic),
            ("phone", a.Phone, b.Phone), ("additional_phone", a.AdditionalPhone, b.AdditionalPhone), ("email", a.Email, b.Email),
            ("customer_comment", a.CustomerComment, b.CustomerComment), ("manager_comment", a.ManagerComment, b.ManagerComment),
            ("status_comment", a.StatusComment, b.StatusComment), ("delivery_address.text", a.DeliveryAddress, b.DeliveryAddress),
        })
        {
            if ((x ?? string.Empty) != (y ?? string.Empty))
            {
                yield return (field, Text(x), Text(y), null);
            }
        }

        if (a.DeliveryCode != b.DeliveryCode)
        {
            yield return ("delivery_type", Code(a.DeliveryCode), Code(b.DeliveryCode), null);
        }

        if (a.DeliveryCost != b.DeliveryCost)
        {
            yield return ("delivery_cost", RetailCrmWire.Money(a.DeliveryCost), RetailCrmWire.Money(b.DeliveryCost), null);
        }

        foreach (var removed in a.Items.Where(i => !b.Items.Exists(j => j.Id == i.Id)))
        {
            yield return ("order_product", RetailCrmWire.HistoryItem(removed), null, RetailCrmWire.HistoryItem(removed));
        }

        foreach (var added in b.Items.Where(i => !a.Items.Exists(j => j.Id == i.Id)))
        {
            var item = RetailCrmWire.HistoryItem(added);
            item["quantity"] = JsonValue.Create(added.Quantity);
            yield return ("order_product", null, RetailCrmWire.HistoryItem(added), item);
        }

        foreach (var (x, y) in a.Items.Join(b.Items, i => i.Id, j => j.Id, (i, j) => (i, j)))
        {
            if (x.Quantity != y.Quantity)
            {
                yield return ("order_product.quantity", JsonValue.Create(x.Quantity), JsonValue.Create(y.Quantity), RetailCrmWire.HistoryItem(y));
            }

            if (x.DiscountTotal != y.DiscountTotal)
            {
                yield return ("order_product.discount_total", RetailCrmWire.Money(x.DiscountTotal), RetailCrmWire.Money(y.DiscountTotal), RetailCrmWire.HistoryItem(y));
            }
        }

        foreach (var added in b.Payments.Where(p => !a.Payments.Exists(q => q.Id == p.Id)))
        {
            yield return ("payments", null, new JsonObject { ["id"] = added.Id, ["type"] = added.Type }, null);
        }

        foreach (var (x, y) in a.Payments.Join(b.Payments, p => p.Id, q => q.Id, (p, q) => (p, q)))
        {
            if (x.Status != y.Status)
            {
                yield return ("payments.status", Code(x.Status), Code(y.Status), null);
            }
        }

        foreach (var code in a.CustomFields.Keys.Union(b.CustomFields.Keys).Order(StringComparer.Ordinal))
        {
            var x = a.CustomFields.GetValueOrDefault(code);
            var y = b.CustomFields.GetValueOrDefault(code);
            if (!JsonNode.DeepEquals(x, y))
            {
                yield return ("custom_" + code, x?.DeepClone(), y?.DeepClone(), null);
            }
        }
    }
}
