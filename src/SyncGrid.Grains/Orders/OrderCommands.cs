using System.Globalization;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Orders;

/// <summary>The Bitrix24 commands of the order flows (deals, their contacts, tasks, stages, alerts).</summary>
internal static class OrderCommands
{
    private static readonly string[] IdOnly = ["ID"];
    private static readonly string[] TaskColumns = ["ID", "TITLE"];
    private static readonly string[] DealColumns = ["ID", "STAGE_ID", "COMMENTS", "CATEGORY_ID", "ORIGINATOR_ID", "ORIGIN_ID", "DATE_MODIFY"];
    private static readonly Dictionary<string, object?> NoFeed = new() { ["REGISTER_SONET_EVENT"] = "N" };

    public static Bitrix24Command Stages(int categoryId) => Command("crm.status.list", new()
    {
        ["filter"] = new Dictionary<string, object?> { ["ENTITY_ID"] = categoryId == 0 ? "DEAL_STAGE" : $"DEAL_STAGE_{categoryId.ToString(CultureInfo.InvariantCulture)}" },
        ["order"] = new Dictionary<string, object?> { ["SORT"] = "ASC" },
    });

    public static Bitrix24Command AddDeal(IReadOnlyDictionary<string, string> fields) =>
        Command("crm.deal.add", new() { ["fields"] = Fields(fields), ["params"] = NoFeed });

    public static Bitrix24Command UpdateDeal(long id, IReadOnlyDictionary<string, string> fields) =>
        Command("crm.deal.update", new() { ["id"] = id, ["fields"] = Fields(fields), ["params"] = NoFeed });

    public static Bitrix24Command GetDeal(long id) => Command("crm.deal.get", new() { ["id"] = id });

    public static Bitrix24Command FindDeal(string originator, long orderId) => Command("crm.deal.list", new()
    {
        ["filter"] = new Dictionary<string, object?> { ["ORIGINATOR_ID"] = originator, ["ORIGIN_ID"] = orderId.ToString(CultureInfo.InvariantCulture) },
        ["select"] = IdOnly,
        ["order"] = new Dictionary<string, object?> { ["ID"] = "ASC" },
        ["start"] = -1,
    });

    /// <summary>Deals of SyncGrid's changed at or after <paramref name="since"/>, oldest change first, a page of 50 from <paramref name="start"/>.</summary>
    public static Bitrix24Command ChangedDeals(string originator, string since, long start) => Command("crm.deal.list", new()
    {
        ["filter"] = new Dictionary<string, object?> { ["ORIGINATOR_ID"] = originator, [">=DATE_MODIFY"] = since },
        ["select"] = DealColumns,
        ["order"] = new Dictionary<string, object?> { ["DATE_MODIFY"] = "ASC", ["ID"] = "ASC" },
        ["start"] = start,
    });

    public static Bitrix24Command FindContacts(string type, IEnumerable<string> values) => Command("crm.duplicate.findbycomm", new()
    {
        ["type"] = type,
        ["values"] = values.Take(20).ToList(),
        ["entity_type"] = "CONTACT",
    });

    public static Bitrix24Command FindContactByOrigin(string originator, string key) => Command("crm.contact.list", new()
    {
        ["filter"] = new Dictionary<string, object?> { ["ORIGINATOR_ID"] = originator, ["ORIGIN_ID"] = key },
        ["select"] = IdOnly,
        ["order"] = new Dictionary<string, object?> { ["ID"] = "ASC" },
        ["start"] = -1,
    });

    public static Bitrix24Command AddContact(Dictionary<string, object?> fields) => Command("crm.contact.add", new() { ["fields"] = fields, ["params"] = NoFeed });

    public static Bitrix24Command UpdateContact(long id, Dictionary<string, object?> fields) =>
        Command("crm.contact.update", new() { ["id"] = id, ["fields"] = fields, ["params"] = NoFeed });

    public static Bitrix24Command AddTask(string title, string description, int responsibleId, DateTimeOffset deadline, long dealId) => Command("tasks.task.add", new()
    {
        ["fields"] = new Dictionary<string, object?>
        {
            ["TITLE"] = title,
            ["DESCRIPTION"] = description,
            ["RESPONSIBLE_ID"] = responsibleId,
            ["DEADLINE"] = deadline.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["UF_CRM_TASK"] = new[] { DealBinding(dealId) },
        },
    });

    public static Bitrix24Command FindTask(string title, long dealId) => Command("tasks.task.list", new()
    {
        ["filter"] = new Dictionary<string, object?> { ["TITLE"] = title, ["UF_CRM_TASK"] = DealBinding(dealId) },
        ["select"] = TaskColumns,
    });

    public static Bitrix24Command Notify(int userId, string message, string tag) => Command("im.notify.system.add", new()
    {
        ["USER_ID"] = userId,
        ["MESSAGE"] = message,
        ["TAG"] = tag,
        ["CLIENT_ID"] = "syncgrid",
    });

    public static string DealBinding(long dealId) => "D_" + dealId.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Fields(IReadOnlyDictionary<string, string> fields) =>
        fields.ToDictionary(f => f.Key, f => f.Key == "CONTACT_IDS" ? f.Value.Split(',', StringSplitOptions.RemoveEmptyEntries) : (object?)f.Value, StringComparer.Ordinal);

    private static Bitrix24Command Command(string method, Dictionary<string, object?> parameters) => new(method, Bitrix24Query.Encode(parameters));
}
