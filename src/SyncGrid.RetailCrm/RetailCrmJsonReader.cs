using System.Globalization;
using System.Text.Json;
using SyncGrid.Domain.RetailCrm;

namespace SyncGrid.RetailCrm;

/// <summary>
/// Reads the account's PHP-flavoured JSON leniently: unknown fields ignored, empty maps as <c>[]</c>, numbers as
/// numbers or strings, dates without offsets in the account's time zone (§2.4, §7 pitfalls 8 and 14).
/// </summary>
internal sealed class RetailCrmJsonReader(TimeSpan offset)
{
    public RetailCrmOrder Order(JsonElement o)
    {
        var contragent = Object(o, "contragent");
        var company = Object(o, "company");
        RetailCrmCompany? corporate = null;
        if (company is { } c)
        {
            var inner = Object(c, "contragent");
            corporate = new RetailCrmCompany
            {
                Id = Long(c, "id"),
                Name = Text(c, "name"),
                Inn = (inner is { } i ? Text(i, "INN") : null) ?? (contragent is { } k ? Text(k, "INN") : null),
                Kpp = (inner is { } j ? Text(j, "KPP") : null) ?? (contragent is { } l ? Text(l, "KPP") : null),
            };
        }
        else if (contragent is { } k && Text(k, "INN") is { Length: > 0 } inn)
        {
            corporate = new RetailCrmCompany { Inn = inn, Kpp = Text(k, "KPP"), Name = Text(k, "legalName") };
        }

        var delivery = Object(o, "delivery");
        var address = delivery is { } d ? Object(d, "address") : null;
        return new RetailCrmOrder
        {
            Id = Long(o, "id") ?? throw new JsonException("An order without an id."),
            ExternalId = Text(o, "externalId"),
            Number = Text(o, "number") ?? string.Empty,
            Site = Text(o, "site") ?? string.Empty,
            Status = Text(o, "status") ?? string.Empty,
            StatusComment = Empty(Text(o, "statusComment")),
            CreatedAt = Date(Text(o, "createdAt")) ?? default,
            OrderType = Text(o, "orderType"),
            OrderMethod = Text(o, "orderMethod"),
            Currency = Text(o, "currency") ?? "RUB",
            FirstName = Empty(Text(o, "firstName")),
            LastName = Empty(Text(o, "lastName")),
            Patronymic = Empty(Text(o, "patronymic")),
            Phone = Empty(Text(o, "phone")),
            AdditionalPhone = Empty(Text(o, "additionalPhone")),
            Email = Empty(Text(o, "email")),
            CustomerComment = Empty(Text(o, "customerComment")),
            ManagerComment = Empty(Text(o, "managerComment")),
            ManagerId = (int?)Long(o, "managerId"),
            Summ = Decimal(o, "summ"),
            TotalSumm = Decimal(o, "totalSumm"),
            Customer = Object(o, "customer") is { } cu ? Customer(cu) : null,
            Contact = Object(o, "contact") is { } ct ? Customer(ct) : null,
            Company = corporate,
            ContragentType = contragent is { } t ? Text(t, "contragentType") : null,
            DeliveryCode = delivery is { } dc ? Text(dc, "code") : null,
            DeliveryCost = delivery is { } dd ? Decimal(dd, "cost") : 0,
            DeliveryAddress = address is { } a ? Empty(Text(a, "text")) : null,
            Items = new(Elements(o, "items").Select(i => new RetailCrmOrderItem
            {
                Id = Long(i, "id") ?? 0,
                ProductName = Text(i, "productName") ?? (Object(i, "offer") is { } offer ? Text(offer, "name") : null) ?? string.Empty,
                Quantity = Decimal(i, "quantity"),
                InitialPrice = Decimal(i, "initialPrice"),
                DiscountTotal = Decimal(i, "discountTotal"),
            })),
            Payments = new(Elements(o, "payments").Select(p => new RetailCrmPayment
            {
                Type = Text(p, "type"),
                Status = Text(p, "status"),
                Amount = Decimal(p, "amount"),
            })),
        };
    }

    public RetailCrmHistoryRecord History(JsonElement r)
    {
        var order = Object(r, "order");
        return new RetailCrmHistoryRecord
        {
            Id = Long(r, "id") ?? throw new JsonException("A history record without an id."),
            CreatedAt = Date(Text(r, "createdAt")) ?? default,
            Created = Bool(r, "created"),
            Deleted = Bool(r, "deleted"),
            Source = Text(r, "source") ?? string.Empty,
            UserId = Object(r, "user") is { } user ? (int?)Long(user, "id") : null,
            ApiKeyCurrent = Object(r, "apiKey") is { } key && Bool(key, "current"),
            Field = Text(r, "field") ?? string.Empty,
            OldValue = Value(r, "oldValue"),
            NewValue = Value(r, "newValue"),
            OrderId = order is { } o ? Long(o, "id") ?? 0 : 0,
            OrderExternalId = order is { } e ? Text(e, "externalId") : null,
            OrderSite = order is { } s ? Text(s, "site") : null,
            OrderStatus = order is { } st ? Text(st, "status") : null,
        };
    }

    public static RetailCrmStatus Status(JsonElement s) =>
        new(Text(s, "code") ?? string.Empty, Text(s, "name") ?? string.Empty, Bool(s, "active"), Text(s, "group") ?? string.Empty);

    private static RetailCrmCustomer Customer(JsonElement c) => new()
    {
        Id = Long(c, "id") ?? 0,
        ExternalId = Text(c, "externalId"),
        Type = Text(c, "type"),
        FirstName = Empty(Text(c, "firstName")),
        LastName = Empty(Text(c, "lastName")),
        Patronymic = Empty(Text(c, "patronymic")),
        Email = Empty(Text(c, "email")),
        Phones = new(Elements(c, "phones").Select(p => Text(p, "number")).OfType<string>().Where(p => p.Length > 0)),
    };

    /// <summary>A reference (<c>{"code"}</c>, <c>{"id"}</c>) as its code or id; a scalar as text; anything else as JSON.</summary>
    private static string? Value(JsonElement r, string name)
    {
        if (!r.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Object)
        {
            return Text(v, "code") ?? Text(v, "id") ?? v.GetRawText();
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
    }

    internal DateTimeOffset? Date(string? text) =>
        text is not null && DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, offset)
            : null;

    private static JsonElement? Object(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    /// <summary>The elements of a list, or the values of a map (PHP writes keyed lists as objects, empty ones as <c>[]</c>).</summary>
    internal static IEnumerable<JsonElement> Elements(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            return [];
        }

        return v.ValueKind switch
        {
            JsonValueKind.Array => v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object).ToList(),
            JsonValueKind.Object => v.EnumerateObject().Select(p => p.Value).Where(x => x.ValueKind == JsonValueKind.Object).ToList(),
            _ => [],
        };
    }

    internal static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    internal static long? Long(JsonElement e, string name) =>
        long.TryParse(Text(e, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static decimal Decimal(JsonElement e, string name) =>
        decimal.TryParse(Text(e, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : 0m;

    private static bool Bool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.Number && v.GetRawText() != "0"));
}
