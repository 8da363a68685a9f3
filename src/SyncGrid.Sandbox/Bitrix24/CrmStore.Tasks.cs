using System.Globalization;
using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>
/// Tasks (<c>tasks.task.add</c>, <c>.get</c>, <c>.list</c>; scope <c>task</c>): upper-case fields in, camelCase strings
/// out, the result wrapped as <c>{"task": …}</c> / <c>{"tasks": […]}</c>, CRM bindings in <c>UF_CRM_TASK</c>
/// (<c>D_12</c> = deal 12).
/// </summary>
internal sealed partial class CrmStore
{
    /// <summary>Employees of the sandbox portal: user ids 1 to this value exist.</summary>
    public const int Employees = 100;

    private static readonly string[] TaskSortable = ["ID", "TITLE", "CREATED_DATE", "CHANGED_DATE", "DEADLINE", "RESPONSIBLE_ID"];

    public JsonObject AddTask(JsonObject p)
    {
        if (JsonArgs.Param(p, "fields") is not JsonObject fields || fields.Count == 0)
        {
            throw new Bitrix24RestException(400, "100", "Could not find value for parameter {fields}");
        }

        var title = JsonArgs.Str(fields["TITLE"])?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            throw new Bitrix24RestException(400, "ERROR_CORE", "Не указано название задачи<br>");
        }

        var responsible = JsonArgs.Str(fields["RESPONSIBLE_ID"]);
        if (string.IsNullOrEmpty(responsible))
        {
            throw new Bitrix24RestException(400, "ERROR_CORE", "Не указан исполнитель<br>");
        }

        if (JsonArgs.PositiveId(fields["RESPONSIBLE_ID"]) is not { } responsibleId || responsibleId > Employees)
        {
            throw new Bitrix24RestException(400, "ERROR_CORE", "Пользователь указанный в поле \"Исполнитель\" не найден<br>");
        }

        var now = Now();
        var task = new CrmTask
        {
            Id = ++State.LastTaskId,
            Title = title,
            Description = JsonArgs.Str(fields["DESCRIPTION"]) ?? string.Empty,
            ResponsibleId = responsibleId,
            CreatedBy = JsonArgs.PositiveId(fields["CREATED_BY"]) ?? UserId,
            CreatedDate = now,
            ChangedDate = now,
            Deadline = JsonArgs.Str(fields["DEADLINE"]),
            XmlId = JsonArgs.Str(fields["XML_ID"]),
            Crm = [.. JsonArgs.Items(fields["UF_CRM_TASK"]).Select(JsonArgs.Str).OfType<string>().Where(s => s.Length > 0)],
        };
        State.Tasks.Add(task);
        return new JsonObject { ["task"] = TaskJson(task) };
    }

    public JsonObject GetTask(JsonObject p)
    {
        var id = JsonArgs.PositiveId(JsonArgs.Param(p, "taskid") ?? p["taskId"]);
        var task = id is null ? null : State.Tasks.Find(t => t.Id == id);
        return task is null
            ? throw new Bitrix24RestException(400, "ERROR_CORE", "Задача не найдена или доступ запрещён")
            : new JsonObject { ["task"] = TaskJson(task) };
    }

    public MethodResult ListTasks(JsonObject p)
    {
        var filter = JsonArgs.Param(p, "filter") as JsonObject;
        var rows = State.Tasks.Where(t => filter is null || filter.All(c => TaskMatches(t, c.Key, c.Value))).ToList();
        IEnumerable<CrmTask> ordered = rows.OrderByDescending(t => t.Id);
        if (JsonArgs.Param(p, "order") is JsonObject order && order.FirstOrDefault() is var (field, direction) && TaskSortable.Contains(field.ToUpperInvariant()))
        {
            var descending = string.Equals(JsonArgs.Str(direction), "desc", StringComparison.OrdinalIgnoreCase);
            Func<CrmTask, string> key = t => TaskField(t, field.ToUpperInvariant()) ?? string.Empty;
            ordered = descending ? rows.OrderByDescending(key, StringComparer.Ordinal).ThenByDescending(t => t.Id) : rows.OrderBy(key, StringComparer.Ordinal).ThenBy(t => t.Id);
        }

        var start = int.TryParse(JsonArgs.Str(JsonArgs.Param(p, "start")), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var list = ordered.ToList();
        var tasks = new JsonArray([.. list.Skip(Math.Max(0, start / ListQuery.PageSize * ListQuery.PageSize)).Take(ListQuery.PageSize).Select(t => (JsonNode)TaskJson(t))]);
        if (start == -1)
        {
            return new MethodResult(new JsonObject { ["tasks"] = tasks }, Total: 0);
        }

        var offset = Math.Max(0, start / ListQuery.PageSize * ListQuery.PageSize);
        return new MethodResult(new JsonObject { ["tasks"] = tasks }, Total: list.Count, Next: offset + tasks.Count < list.Count ? offset + tasks.Count : null);
    }

    private static bool TaskMatches(CrmTask task, string key, JsonNode? value)
    {
        var op = key.StartsWith("!=", StringComparison.Ordinal) ? "!" : key.StartsWith('!') ? "!" : key.StartsWith(">=", StringComparison.Ordinal) ? ">="
            : key.StartsWith("<=", StringComparison.Ordinal) ? "<=" : key.StartsWith('>') ? ">" : key.StartsWith('<') ? "<" : key.StartsWith('=') ? "=" : string.Empty;
        var field = key.TrimStart('!', '=', '<', '>').ToUpperInvariant();
        var wanted = value is JsonArray or JsonObject ? JsonArgs.Items(value).Select(JsonArgs.Str).OfType<string>().ToList() : [JsonArgs.Str(value) ?? string.Empty];
        if (field == "UF_CRM_TASK")
        {
            var any = task.Crm.Exists(wanted.Contains);
            return op == "!" ? !any : any;
        }

        var actual = TaskField(task, field);
        if (actual is null && field is not ("XML_ID" or "DEADLINE"))
        {
            return true;
        }

        static int Compare(string? a, string b) =>
            long.TryParse(a, out var x) && long.TryParse(b, out var y) ? x.CompareTo(y) : string.CompareOrdinal(a, b);
        return op switch
        {
            "!" => !wanted.Contains(actual ?? string.Empty),
            ">" => Compare(actual, wanted[0]) > 0,
            ">=" => Compare(actual, wanted[0]) >= 0,
            "<" => Compare(actual, wanted[0]) < 0,
            "<=" => Compare(actual, wanted[0]) <= 0,
            _ => wanted.Contains(actual ?? string.Empty),
        };
    }

    private static string? TaskField(CrmTask t, string field) => field switch
    {
        "ID" => Invariant(t.Id),
        "TITLE" => t.Title,
        "RESPONSIBLE_ID" => Invariant(t.ResponsibleId),
        "CREATED_BY" => Invariant(t.CreatedBy),
        "CREATED_DATE" => t.CreatedDate,
        "CHANGED_DATE" => t.ChangedDate,
        "DEADLINE" => t.Deadline,
        "XML_ID" => t.XmlId,
        "STATUS" or "REAL_STATUS" => "2",
        _ => null,
    };

    private static JsonObject TaskJson(CrmTask t) => new()
    {
        ["id"] = Invariant(t.Id),
        ["parentId"] = null,
        ["title"] = t.Title,
        ["description"] = t.Description,
        ["priority"] = "1",
        ["status"] = "2",
        ["subStatus"] = "2",
        ["createdBy"] = Invariant(t.CreatedBy),
        ["createdDate"] = t.CreatedDate,
        ["responsibleId"] = Invariant(t.ResponsibleId),
        ["changedBy"] = Invariant(t.CreatedBy),
        ["changedDate"] = t.ChangedDate,
        ["deadline"] = t.Deadline,
        ["xmlId"] = t.XmlId,
        ["groupId"] = "0",
        ["ufCrmTask"] = new JsonArray([.. t.Crm.Select(c => (JsonNode)c)]),
        ["auditors"] = new JsonArray(),
        ["accomplices"] = new JsonArray(),
    };

    /// <summary>Registers the task methods in a portal's method table.</summary>
    public void AddTaskMethods(Dictionary<string, Func<JsonObject, MethodResult>> table)
    {
        table["tasks.task.add"] = p => new MethodResult(AddTask(p));
        table["tasks.task.get"] = p => new MethodResult(GetTask(p));
        table["tasks.task.list"] = ListTasks;
    }
}
