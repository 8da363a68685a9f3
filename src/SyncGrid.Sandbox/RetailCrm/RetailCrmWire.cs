using System.Globalization;
using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.RetailCrm;

/// <summary>The account's JSON: dates without offsets in the account's time zone, money as numbers, PHP empty maps.</summary>
internal sealed class RetailCrmWire(TimeSpan offset, Func<bool> emptyMapsAsArray)
{
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    public string DateTime(DateTimeOffset moment) => moment.ToOffset(offset).ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    public string Date(DateTimeOffset moment) => moment.ToOffset(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>Y-m-d H:i:s</c> or <c>Y-m-d</c> in the account's time zone.</summary>
    public bool TryParse(string? text, out DateTimeOffset moment)
    {
        moment = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var format in new[] { DateTimeFormat, "yyyy-MM-dd" })
        {
            if (System.DateTime.TryParseExact(text.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                moment = new DateTimeOffset(local, offset);
                return true;
            }
        }

        return false;
    }

    /// <summary>An empty map as PHP writes it: <c>[]</c> when the knob is on.</summary>
    public JsonNode Map(JsonObject map) => map.Count == 0 && emptyMapsAsArray() ? new JsonArray() : map;

    public static JsonNode Money(decimal value) => JsonValue.Create(decimal.Round(value, 2))!;

    public JsonObject Order(ShopOrder o, ShopCustomer? customer)
    {
        var payments = new JsonObject();
        foreach (var p in o.Payments)
        {
            payments[p.Id.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["id"] = p.Id,
                ["type"] = p.Type,
                ["status"] = p.Status,
                ["amount"] = Money(p.Amount),
            };
        }

        var custom = new JsonObject();
        foreach (var (code, value) in o.CustomFields)
        {
            custom[code] = value?.DeepClone();
        }

        var json = new JsonObject
        {
            ["slug"] = o.Id,
            ["id"] = o.Id,
            ["number"] = o.Number,
            ["site"] = o.Site,
            ["status"] = o.Status,
            ["statusComment"] = o.StatusComment ?? string.Empty,
            ["createdAt"] = DateTime(o.CreatedAt),
            ["statusUpdatedAt"] = DateTime(o.StatusUpdatedAt),
            ["orderType"] = o.OrderType,
            ["orderMethod"] = o.OrderMethod,
            ["countryIso"] = "RU",
            ["currency"] = o.Currency,
            ["firstName"] = o.FirstName ?? string.Empty,
            ["lastName"] = o.LastName ?? string.Empty,
            ["patronymic"] = o.Patronymic ?? string.Empty,
            ["phone"] = o.Phone ?? string.Empty,
            ["additionalPhone"] = o.AdditionalPhone ?? string.Empty,
            ["email"] = o.Email ?? string.Empty,
            ["customerComment"] = o.CustomerComment ?? string.Empty,
            ["managerComment"] = o.ManagerComment ?? string.Empty,
            ["summ"] = Money(o.Summ),
            ["totalSumm"] = Money(o.TotalSumm),
            ["prepaySum"] = Money(o.Payments.Where(p => p.Status == "paid").Sum(p => p.Amount)),
            ["purchaseSumm"] = 0,
            ["discountManualAmount"] = 0,
            ["discountManualPercent"] = 0,
            ["customer"] = customer is null ? null : Customer(customer, brief: true),
            ["contact"] = customer is { Type: "customer_corporate" } ? Customer(customer, brief: true, asContact: true) : null,
            ["company"] = customer?.Company is { } company ? Company(company) : null,
            ["contragent"] = new JsonObject
            {
                ["contragentType"] = customer?.Company is null ? "individual" : "legal-entity",
            },
            ["delivery"] = new JsonObject
            {
                ["code"] = o.DeliveryCode,
                ["cost"] = Money(o.DeliveryCost),
                ["netCost"] = 0,
                ["address"] = new JsonObject { ["countryIso"] = "RU", ["text"] = o.DeliveryAddress ?? string.Empty },
            },
            ["items"] = new JsonArray([.. o.Items.Select(Item)]),
            ["payments"] = Map(payments),
            ["customFields"] = Map(custom),
            ["fromApi"] = o.FromApi,
            ["call"] = false,
            ["expired"] = false,
            ["shipped"] = false,
        };
        if (o.ExternalId is not null)
        {
            json["externalId"] = o.ExternalId;
        }

        if (o.ManagerId is { } manager)
        {
            json["managerId"] = manager;
        }

        if (customer?.Company is { Inn: { } inn } c)
        {
            json["contragent"]!["INN"] = inn;
            if (c.Kpp is not null)
            {
                json["contragent"]!["KPP"] = c.Kpp;
            }
        }

        return json;
    }

    /// <summary>The short snapshot of a non-create history record: id, externalId, site, status, managerId.</summary>
    public static JsonObject ShortOrder(ShopOrder o)
    {
        var json = new JsonObject { ["id"] = o.Id };
        if (o.ExternalId is not null)
        {
            json["externalId"] = o.ExternalId;
        }

        json["site"] = o.Site;
        json["status"] = o.Status;
        if (o.ManagerId is { } manager)
        {
            json["managerId"] = manager;
        }

        return json;
    }

    public static JsonObject Item(ShopItem i) => new()
    {
        ["id"] = i.Id,
        ["productName"] = i.ProductName,
        ["quantity"] = JsonValue.Create(i.Quantity),
        ["initialPrice"] = Money(i.InitialPrice),
        ["discountTotal"] = Money(i.DiscountTotal),
        ["prices"] = new JsonArray(new JsonObject { ["price"] = Money(i.InitialPrice - i.DiscountTotal), ["quantity"] = JsonValue.Create(i.Quantity) }),
        ["vatRate"] = "none",
        ["status"] = "new",
        ["purchasePrice"] = 0,
        ["offer"] = new JsonObject
        {
            ["id"] = i.OfferId,
            ["externalId"] = i.OfferId.ToString(CultureInfo.InvariantCulture),
            ["xmlId"] = i.OfferId.ToString(CultureInfo.InvariantCulture),
            ["name"] = i.ProductName,
            ["article"] = i.Article,
            ["displayName"] = i.ProductName,
            ["unit"] = new JsonObject { ["code"] = "796", ["name"] = "Штука", ["sym"] = "шт" },
        },
        ["properties"] = new JsonArray(),
    };

    /// <summary>The <c>item</c> of an <c>order_product*</c> history record.</summary>
    public static JsonObject HistoryItem(ShopItem i) => new()
    {
        ["id"] = i.Id,
        ["offer"] = new JsonObject
        {
            ["id"] = i.OfferId,
            ["externalId"] = i.OfferId.ToString(CultureInfo.InvariantCulture),
            ["xmlId"] = i.OfferId.ToString(CultureInfo.InvariantCulture),
        },
    };

    public JsonObject Customer(ShopCustomer c, bool brief = false, bool asContact = false)
    {
        var json = new JsonObject
        {
            ["type"] = asContact ? "customer" : c.Type,
            ["id"] = c.Id,
            ["site"] = c.Site,
            ["firstName"] = c.FirstName ?? string.Empty,
            ["lastName"] = c.LastName ?? string.Empty,
            ["patronymic"] = c.Patronymic ?? string.Empty,
            ["email"] = c.Email ?? string.Empty,
            ["phones"] = new JsonArray([.. c.Phones.Select(p => (JsonNode)new JsonObject { ["number"] = p })]),
            ["createdAt"] = DateTime(c.CreatedAt),
            ["customFields"] = Map([]),
        };
        if (c.ExternalId is not null)
        {
            json["externalId"] = c.ExternalId;
        }

        if (c.ManagerId is { } manager)
        {
            json["managerId"] = manager;
        }

        if (!brief)
        {
            json["vip"] = false;
            json["bad"] = false;
            json["isContact"] = false;
            json["tags"] = new JsonArray();
        }

        return json;
    }

    public static JsonObject Company(ShopCompany c)
    {
        var contragent = new JsonObject { ["contragentType"] = "legal-entity" };
        if (c.Inn is not null)
        {
            contragent["INN"] = c.Inn;
        }

        if (c.Kpp is not null)
        {
            contragent["KPP"] = c.Kpp;
        }

        return new JsonObject { ["id"] = c.Id, ["name"] = c.Name, ["contragent"] = contragent };
    }

    public static JsonObject Status(ShopStatus s) => new()
    {
        ["name"] = s.Name,
        ["code"] = s.Code,
        ["active"] = s.Active,
        ["ordering"] = s.Ordering,
        ["group"] = s.Group,
    };
}
