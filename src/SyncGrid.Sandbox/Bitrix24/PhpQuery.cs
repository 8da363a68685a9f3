using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>
/// PHP <c>parse_str</c> semantics for query strings and form bodies: <c>fields[PHONE][0][VALUE]=x</c>,
/// <c>select[]=ID</c>. Every PHP array becomes a <see cref="JsonObject"/> (PHP has no list/map distinction),
/// every leaf a string; consumers read both objects and arrays through <see cref="JsonArgs.Items"/>.
/// </summary>
internal static class PhpQuery
{
    public static JsonObject Parse(string? query)
    {
        var root = new JsonObject();
        if (string.IsNullOrEmpty(query))
        {
            return root;
        }

        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
            Add(root, key, value);
        }

        return root;
    }

    public static void Add(JsonObject root, string key, string value)
    {
        key = key.TrimStart(' ');
        var open = key.IndexOf('[', StringComparison.Ordinal);
        var close = open < 0 ? -1 : key.IndexOf(']', open);
        if (open <= 0 || close < 0)
        {
            // No usable bracket: PHP turns ' ', '.' and a lone '[' of the top-level name into '_'.
            var plain = TopLevelName(key);
            if (plain.Length > 0)
            {
                root[plain] = value;
            }

            return;
        }

        var segments = new List<string> { TopLevelName(key[..open]) };
        var rest = key[open..];
        while (rest.Length > 0 && rest[0] == '[')
        {
            var end = rest.IndexOf(']', StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            segments.Add(rest[1..end]);
            rest = rest[(end + 1)..];
        }

        var node = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i].Length == 0 ? NextIndex(node) : segments[i];
            if (i == segments.Count - 1)
            {
                node[segment] = value;
                break;
            }

            if (node[segment] is not JsonObject child)
            {
                child = [];
                node[segment] = child;
            }

            node = child;
        }
    }

    private static string TopLevelName(string name) => name.Replace(' ', '_').Replace('.', '_').Replace('[', '_');

    private static string NextIndex(JsonObject node)
    {
        var max = -1;
        foreach (var (k, _) in node)
        {
            if (int.TryParse(k, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > max)
            {
                max = n;
            }
        }

        return (max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
