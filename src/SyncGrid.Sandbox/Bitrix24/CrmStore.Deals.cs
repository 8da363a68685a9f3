using System.Globalization;
using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>Deals (§7.8), the stage/category/currency dictionaries (§7.9) and <c>im.notify.*</c> (§7.11).</summary>
internal sealed partial class CrmStore
{
    private static readonly (int Id, string Name)[] Categories = [(0, "General"), (1, "Partners")];

    private static readonly (string Status, string Name, string? Semantics)[] StageTemplate =
    [
        ("NEW", "New", null), ("PREPARATION", "Preparation", null), ("PREPAYMENT_INVOICE", "Prepayment invoice", null),
        ("EXECUTING", "In progress", null), ("FINAL_INVOICE", "Final invoice", null), ("WON", "Deal won", "S"),
        ("LOSE", "Deal lost", "F"), ("APOLOGY", "Analyze failure", "F"),
    ];

    private static readonly (string Currency, string Name, string Amount, bool Base)[] Currencies =
    [
        ("RUB", "Russian Ruble", "1.0000", true), ("USD", "US Dollar", "90.0000", false), ("EUR", "Euro", "98.0000", false),
    ];

    private static readonly (string Entity, string Status, string Name)[] Dictionaries =
    [
        ("COMPANY_TYPE", "CUSTOMER", "Client"), ("COMPANY_TYPE", "SUPPLIER", "Supplier"), ("COMPANY_TYPE", "PARTNER", "Partner"),
        ("COMPANY_TYPE", "OTHER", "Other"), ("CONTACT_TYPE", "CLIENT", "Clients"), ("CONTACT_TYPE", "SUPPLIER", "Suppliers"),
        ("CONTACT_TYPE", "OTHER", "Other"), ("SOURCE", "CALL", "Call"), ("SOURCE", "EMAIL", "E-Mail"), ("SOURCE", "WEB", "Website"),
        ("SOURCE", "OTHER", "Other"), ("DEAL_TYPE", "SALE", "Sales"), ("DEAL_TYPE", "SERVICE", "Service"),
        ("HONORIFIC", "HNR_RU_1", "г-н"), ("HONORIFIC", "HNR_RU_2", "г-жа"),
    ];

    public static string StagePrefix(int category) => category == 0 ? string.Empty : $"C{category}:";

    public static IEnumerable<(string StatusId, string Name, int Sort, string? Semantics)> Stages(int category) =>
        Categories.Any(c => c.Id == category)
            ? StageTemplate.Select((s, i) => (StagePrefix(category) + s.Status, s.Name, (i + 1) * 10, s.Semantics))
            : [];

    public int AddDeal(JsonObject p) => Add(EntitySchema.Deal, p, (record, fields) =>
    {
        var category = JsonArgs.Str(fields["CATEGORY_ID"]) is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && Categories.Any(k => k.Id == c) ? c
                : throw Bitrix24RestException.Crm($"Category with ID '{text}' is not found.")
            : 0;
        record.Fields["CATEGORY_ID"] = Invariant(category);
        record.Fields.TryAdd("TITLE", $"Deal #{record.Id}");
        record.Fields["IS_NEW"] = "Y";
        ApplyDealRules(record, fields, category, adding: true);
    });

    public bool UpdateDeal(JsonObject p)
    {
        // crm.deal.update never moves a deal to another pipeline: CATEGORY_ID is silently ignored.
        var original = Find(EntitySchema.Deal, p).Get("CATEGORY_ID") ?? "0";
        return Update(EntitySchema.Deal, p, (record, fields) => UpdateDealRules(record, fields, original));
    }

    private static void UpdateDealRules(CrmRecord record, JsonObject fields, string originalCategory)
    {
        record.Fields["CATEGORY_ID"] = originalCategory;
        var category = int.Parse(originalCategory, CultureInfo.InvariantCulture);
        ApplyDealRules(record, fields, category, adding: false);
        record.Fields["IS_NEW"] = "N";
    }

    private static void ApplyDealRules(CrmRecord record, JsonObject fields, int category, bool adding)
    {
        var stages = Stages(category).ToList();
        var stage = JsonArgs.Str(fields["STAGE_ID"]);
        if (!string.IsNullOrEmpty(stage) && !stages.Exists(s => s.StatusId == stage))
        {
            throw Bitrix24RestException.Crm($"Stage '{stage}' does not belong to pipeline {category}.");
        }

        var currency = JsonArgs.Str(fields["CURRENCY_ID"]);
        if (!string.IsNullOrEmpty(currency) && !Currencies.Any(c => c.Currency == currency))
        {
            throw Bitrix24RestException.Crm("Incorrect value of the field \"Currency\".");
        }

        if (adding)
        {
            record.Fields.TryAdd("CURRENCY_ID", "RUB");
            record.Fields["STAGE_ID"] = string.IsNullOrEmpty(stage) ? stages[0].StatusId : stage;
        }

        var amount = decimal.TryParse(record.Get("OPPORTUNITY"), NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : 0m;
        record.Fields["OPPORTUNITY"] = amount.ToString("0.00", CultureInfo.InvariantCulture);
        var semantics = stages.Find(s => s.StatusId == record.Get("STAGE_ID")).Semantics;
        record.Fields["STAGE_SEMANTIC_ID"] = semantics ?? "P";
        record.Fields["CLOSED"] = semantics is null ? "N" : "Y";
        if (fields["CONTACT_IDS"] is { } contacts && JsonArgs.Items(contacts).Select(JsonArgs.PositiveId).OfType<int>().FirstOrDefault() is var first and > 0)
        {
            record.Fields["CONTACT_ID"] = Invariant(first);
        }
    }

    public static JsonArray StatusList(JsonObject p)
    {
        var rows = new List<JsonObject>();
        var id = 0;
        foreach (var (category, _) in Categories)
        {
            foreach (var (statusId, name, sort, semantics) in Stages(category))
            {
                var entity = category == 0 ? "DEAL_STAGE" : $"DEAL_STAGE_{category}";
                rows.Add(StatusRow(++id, entity, statusId, name, sort, category, semantics));
            }
        }

        foreach (var (entity, statusId, name) in Dictionaries)
        {
            rows.Add(StatusRow(++id, entity, statusId, name, (rows.Count(r => JsonArgs.Str(r["ENTITY_ID"]) == entity) + 1) * 10, null, null));
        }

        var filter = JsonArgs.Param(p, "filter") as JsonObject;
        return new JsonArray([.. rows.Where(r => filter is null || filter.All(f => string.Equals(JsonArgs.Str(r[f.Key.TrimStart('=')]), JsonArgs.Str(f.Value), StringComparison.OrdinalIgnoreCase)))]);
    }

    private static JsonObject StatusRow(int id, string entity, string statusId, string name, int sort, int? category, string? semantics) => new()
    {
        ["ID"] = Invariant(id),
        ["ENTITY_ID"] = entity,
        ["STATUS_ID"] = statusId,
        ["NAME"] = name,
        ["NAME_INIT"] = name,
        ["SORT"] = Invariant(sort),
        ["SYSTEM"] = semantics is not null || statusId.EndsWith("NEW", StringComparison.Ordinal) ? "Y" : "N",
        ["CATEGORY_ID"] = category is { } c ? Invariant(c) : null,
        ["COLOR"] = semantics switch { "S" => "#7BD500", "F" => "#FF5752", _ => "#39A8EF" },
        ["SEMANTICS"] = semantics,
        ["EXTRA"] = category is null ? null : new JsonObject
        {
            ["SEMANTICS"] = semantics switch { "S" => "success", "F" => statusId.EndsWith("APOLOGY", StringComparison.Ordinal) ? "apology" : "failure", _ => "process" },
            ["COLOR"] = semantics switch { "S" => "#7BD500", "F" => "#FF5752", _ => "#39A8EF" },
        },
    };

    public static JsonArray DealCategoryStages(JsonObject p)
    {
        var category = JsonArgs.PositiveId(JsonArgs.Param(p, "id")) ?? 0;
        return new JsonArray([.. Stages(category).Select(s => (JsonNode)new JsonObject
        {
            ["NAME"] = s.Name,
            ["SORT"] = Invariant(s.Sort),
            ["STATUS_ID"] = s.StatusId,
        })]);
    }

    public static MethodResult CategoryList(JsonObject p)
    {
        var entityTypeId = JsonArgs.Str(JsonArgs.Param(p, "entityTypeId") ?? p["entityTypeId"]);
        if (entityTypeId != "2")
        {
            throw new Bitrix24RestException(400, "NOT_FOUND", "smart process not found");
        }

        var categories = new JsonArray([.. Categories.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id,
            ["name"] = c.Name,
            ["sort"] = (c.Id + 1) * 100,
            ["entityTypeId"] = 2,
            ["isDefault"] = c.Id == 0 ? "Y" : "N",
        })]);
        return new MethodResult(new JsonObject { ["categories"] = categories }, Total: categories.Count);
    }

    public static MethodResult CurrencyList()
    {
        var rows = new JsonArray([.. Currencies.Select((c, i) => (JsonNode)new JsonObject
        {
            ["CURRENCY"] = c.Currency,
            ["AMOUNT_CNT"] = "1",
            ["AMOUNT"] = c.Amount,
            ["SORT"] = Invariant((i + 1) * 100),
            ["BASE"] = c.Base ? "Y" : "N",
            ["FULL_NAME"] = c.Name,
            ["LID"] = "en",
            ["FORMAT_STRING"] = c.Currency == "RUB" ? "# ₽" : c.Currency == "USD" ? "$#" : "€#",
        })]);
        return new MethodResult(rows, Total: rows.Count);
    }

    public JsonNode Notify(string kind, JsonObject p)
    {
        var user = JsonArgs.PositiveId(p["USER_ID"] ?? p["user_id"]) ?? throw new Bitrix24RestException(400, "USER_ID_EMPTY", "Recipient user ID can't be empty");
        var message = JsonArgs.Str(p["MESSAGE"] ?? p["message"])?.Trim();
        if (string.IsNullOrEmpty(message))
        {
            throw new Bitrix24RestException(400, "MESSAGE_EMPTY", "Message can't be empty");
        }

        var tag = JsonArgs.Str(p["TAG"] ?? p["tag"]);
        if (!string.IsNullOrEmpty(tag))
        {
            State.Notifications.RemoveAll(n => n.Tag == tag);
        }

        var notification = new CrmNotification
        {
            Id = ++State.LastNotificationId,
            Kind = kind,
            UserId = Invariant(user),
            Message = message,
            Tag = string.IsNullOrEmpty(tag) ? null : tag,
            Date = Now(),
        };
        State.Notifications.Add(notification);
        return notification.Id;
    }
}
