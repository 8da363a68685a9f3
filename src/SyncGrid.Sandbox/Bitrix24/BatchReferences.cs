using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>
/// <c>$result[key][path]</c> substitution of spec §3.1: the reference runs to the next whitespace, the walk stops silently at
/// the deepest resolvable level; a whole-value reference becomes that node, an embedded one is replaced only by a scalar.
/// </summary>
internal static partial class BatchReferences
{
    public static void Substitute(JsonObject parameters, IReadOnlyDictionary<string, JsonObject> maps)
    {
        foreach (var (key, value) in parameters.ToList())
        {
            if (value is JsonObject nested)
            {
                Substitute(nested, maps);
            }
            else if (JsonArgs.IsString(value) && Resolve(value!.GetValue<string>(), maps) is { } replaced)
            {
                parameters[key] = replaced;
            }
        }
    }

    /// <summary>The new parameter value, or null when the text carries no reference or must stay literal.</summary>
    internal static JsonNode? Resolve(string text, IReadOnlyDictionary<string, JsonObject> maps)
    {
        var match = Reference().Match(text);
        if (!match.Success || !maps.TryGetValue(match.Groups[1].Value, out var root))
        {
            return null;
        }

        JsonNode node = root;
        foreach (Match segment in Segment().Matches(match.Value))
        {
            var key = segment.Groups[1].Value;
            var next = node switch
            {
                JsonObject obj => obj[key],
                JsonArray array when int.TryParse(key, out var i) && i >= 0 && i < array.Count => array[i],
                _ => null,
            };
            if (next is null)
            {
                break;
            }

            node = next;
        }

        if (match.Index == 0 && match.Length == text.Length)
        {
            return node.DeepClone();
        }

        var scalar = node is JsonValue ? JsonArgs.Str(node) : null;
        return scalar is null ? null : JsonValue.Create(string.Concat(text.AsSpan(0, match.Index), scalar, text.AsSpan(match.Index + match.Length)));
    }

    [GeneratedRegex(@"\$(result|error|total|next|time)\[\S*")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\[([^\]]*)\]")]
    private static partial Regex Segment();
}
