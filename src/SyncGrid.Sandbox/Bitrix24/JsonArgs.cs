using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>Reading request parameters the way the PHP handlers do, and writing PHP-shaped JSON.</summary>
internal static class JsonArgs
{
    /// <summary>A top-level parameter by the four spellings the classic handlers try: exact (lower), UPPER, Capitalized, plus an optional legacy alias.</summary>
    public static JsonNode? Param(JsonObject parameters, string lowerName, string? alias = null)
    {
        string[] names = lowerName == "id"
            ? ["id", "ID"]
            : [lowerName, lowerName.ToUpperInvariant(), char.ToUpperInvariant(lowerName[0]) + lowerName[1..], alias ?? string.Empty];
        foreach (var name in names)
        {
            if (name.Length > 0 && parameters.TryGetPropertyValue(name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Elements of a PHP array, whether it arrived as a JSON array or as an object (bracket syntax, keyed maps).</summary>
    public static IEnumerable<JsonNode?> Items(JsonNode? node) => node switch
    {
        JsonArray array => array,
        JsonObject obj => obj.Select(p => p.Value),
        _ => [],
    };

    /// <summary>A scalar as PHP would see it as a string; <c>null</c> for null, arrays and objects.</summary>
    public static string? Str(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "1",
            JsonValueKind.False => string.Empty,
            _ => null,
        };
    }

    public static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    /// <summary>A positive integer id, or null for missing, zero, negative or non-numeric input.</summary>
    public static int? PositiveId(JsonNode? node)
    {
        var text = Str(node)?.Trim();
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    /// <summary>PHP truthiness of a scalar: "", "0", 0, false and null are false; everything else (even "false") is true.</summary>
    public static bool Truthy(JsonNode? node)
    {
        var text = Str(node);
        return !string.IsNullOrEmpty(text) && text != "0";
    }

    /// <summary>PHP serialises an empty array as <c>[]</c> even where a map is meant.</summary>
    public static JsonNode PhpMap(JsonObject map) => map.Count == 0 ? new JsonArray() : map;

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>PHP 8 <c>==</c> on two strings: numeric strings compare as numbers, anything else byte-wise.</summary>
    public static bool PhpLooseEquals(string a, string b)
    {
        return TryPhpNumber(a, out var x) && TryPhpNumber(b, out var y) ? x == y : string.Equals(a, b, StringComparison.Ordinal);
    }

    public static bool TryPhpNumber(string text, out double number)
    {
        const NumberStyles style = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign
            | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        number = 0;
        var trimmed = text.Trim();
        return trimmed.Length > 0 && (char.IsAsciiDigit(trimmed[0]) || trimmed[0] is '+' or '-' or '.')
            && double.TryParse(trimmed, style, CultureInfo.InvariantCulture, out number);
    }
}
