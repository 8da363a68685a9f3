using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>Classic <c>*.list</c> semantics: filter prefixes (§4.3), order and select masks (§4.4), 50-row pages (§4.1).</summary>
internal static class ListQuery
{
    public const int PageSize = 50;

    private static readonly string[] Operators = ["!=%", "!%=", "=%", "%=", "!%", "!=", "!@", ">=", "<=", "!", ">", "<", "@", "%", "="];

    public static MethodResult Run(CrmStore store, EntitySchema schema, IEnumerable<CrmRecord> records, JsonObject p)
    {
        var filter = JsonArgs.Param(p, "filter") as JsonObject;
        var rows = records.Where(r => filter is null || filter.All(c => Matches(store, schema, r, c.Key, c.Value))).ToList();
        rows = Order(store, schema, rows, JsonArgs.Param(p, "order") as JsonObject);
        var select = Selection.From(JsonArgs.Param(p, "select"));
        var start = int.TryParse(JsonArgs.Str(JsonArgs.Param(p, "start")), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : 0;
        if (start == -1)
        {
            return new MethodResult(Rows(store, schema, rows.Take(PageSize), select), Total: 0);
        }

        start = Math.Max(0, start / PageSize * PageSize);
        var page = rows.Skip(start).Take(PageSize).ToList();
        var next = start + page.Count < rows.Count ? start + page.Count : (int?)null;
        return new MethodResult(Rows(store, schema, page, select), Total: rows.Count, Next: next);
    }

    private static JsonArray Rows(CrmStore store, EntitySchema schema, IEnumerable<CrmRecord> rows, Selection select) =>
        new([.. rows.Select(r => (JsonNode)store.Project(schema, r, select))]);

    private static List<CrmRecord> Order(CrmStore store, EntitySchema schema, List<CrmRecord> rows, JsonObject? order)
    {
        IOrderedEnumerable<CrmRecord>? sorted = null;
        foreach (var (field, direction) in order ?? [])
        {
            var name = field.ToUpperInvariant();
            var descending = string.Equals(JsonArgs.Str(direction), "DESC", StringComparison.OrdinalIgnoreCase);
            var comparer = Comparer<string?>.Create(Compare);
            Func<CrmRecord, string?> key = r => store.ReadField(schema, r, name);
            sorted = sorted is null
                ? (descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer))
                : (descending ? sorted.ThenByDescending(key, comparer) : sorted.ThenBy(key, comparer));
        }

        return sorted is null ? [.. rows.OrderBy(r => r.Id)] : [.. sorted.ThenBy(r => r.Id)];
    }

    private static bool Matches(CrmStore store, EntitySchema schema, CrmRecord record, string key, JsonNode? value)
    {
        var op = Operators.FirstOrDefault(o => key.StartsWith(o, StringComparison.Ordinal)) ?? string.Empty;
        var field = key[op.Length..];
        var multi = schema.HasMultiFields && EntitySchema.IsMultiField(field);
        if (!multi && !schema.IsStandard(field) && !schema.IsFree(field))
        {
            return true;
        }

        IReadOnlyList<string?> actual = multi
            ? [.. record.Multi.Where(m => m.TypeId == field).Select(m => (string?)m.Value)]
            : [store.ReadField(schema, record, field)];
        var list = value is JsonArray or JsonObject ? JsonArgs.Items(value).Select(JsonArgs.Str).ToList() : null;
        var wanted = JsonArgs.Str(value);
        if (multi && op is "" or "=")
        {
            // Multi-fields filter on the exact stored text only.
            return list is null ? actual.Contains(wanted) : actual.Any(list.Contains);
        }

        if (list is not null && op is not ("" or "=" or "@" or "!" or "!=" or "!@"))
        {
            // A structure where a scalar is expected (e.g. an unresolved $result reference) does not constrain anything.
            return true;
        }

        return op switch
        {
            "" or "=" or "@" => list is null ? actual.Any(a => EqualsLoose(a, wanted)) : actual.Any(a => list.Exists(w => EqualsLoose(a, w))),
            "!" or "!=" or "!@" => list is null ? !actual.Any(a => EqualsLoose(a, wanted)) : !actual.Any(a => list.Exists(w => EqualsLoose(a, w))),
            ">" => actual.Any(a => a is not null && Compare(a, wanted) > 0),
            ">=" => actual.Any(a => a is not null && Compare(a, wanted) >= 0),
            "<" => actual.Any(a => a is not null && Compare(a, wanted) < 0),
            "<=" => actual.Any(a => a is not null && Compare(a, wanted) <= 0),
            "%" => !multi && actual.Any(a => a is not null && a.Contains(wanted ?? string.Empty, StringComparison.OrdinalIgnoreCase)),
            "!%" => multi || !actual.Any(a => a is not null && a.Contains(wanted ?? string.Empty, StringComparison.OrdinalIgnoreCase)),
            "=%" or "%=" => !multi && actual.Any(a => Like(a, wanted)),
            _ => multi || !actual.Any(a => Like(a, wanted)),
        };
    }

    private static bool EqualsLoose(string? actual, string? wanted) =>
        string.IsNullOrEmpty(wanted) ? string.IsNullOrEmpty(actual) : string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase)
            || (actual is not null && decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var a)
                && decimal.TryParse(wanted, NumberStyles.Number, CultureInfo.InvariantCulture, out var w) && a == w);

    private static bool Like(string? actual, string? pattern) =>
        actual is not null && Regex.IsMatch(actual, "^" + Regex.Escape(pattern ?? string.Empty).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.Singleline, TimeSpan.FromSeconds(1));

    private static int Compare(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        if (decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y))
        {
            return x.CompareTo(y);
        }

        if (DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.None, out var da) && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.None, out var db))
        {
            return da.CompareTo(db);
        }

        return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A <c>select</c> list: <c>*</c> = standard fields, <c>UF_*</c> = user fields, multi-fields only when named.</summary>
    public sealed class Selection
    {
        private readonly HashSet<string> _names;
        private readonly bool _star;
        private readonly bool _userFields;

        private Selection(HashSet<string> names)
        {
            _names = names;
            var empty = names.Count == 0;
            _star = empty || names.Contains("*");
            _userFields = empty || names.Contains("UF_*");
        }

        public static Selection From(JsonNode? select) =>
            new(new HashSet<string>(JsonArgs.Items(select).Select(JsonArgs.Str).OfType<string>().Select(s => s.ToUpperInvariant()), StringComparer.Ordinal));

        public bool IncludesStandard(string field) => field == "ID" || _star || _names.Contains(field);

        public bool IncludesFree(string field) => _names.Contains(field) || (field.StartsWith("UF_", StringComparison.Ordinal) ? _userFields : _star);

        public bool Names(string multiField) => _names.Contains(multiField);
    }
}
