using System.Globalization;
using System.Text.Json;

namespace SyncGrid.Domain.Bitrix24;

/// <summary>Reading Bitrix24's PHP-flavoured JSON: ids as strings or numbers, empty maps as <c>[]</c>.</summary>
public static class Bitrix24Json
{
    /// <summary>An id written as a number or a numeric string; <see langword="null"/> otherwise.</summary>
    public static long? ReadId(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
        _ => null,
    };

    /// <summary>The properties of an object, or nothing for <c>[]</c> (PHP's empty map) and anything else.</summary>
    public static IEnumerable<JsonProperty> Entries(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject() : [];

    /// <summary>A string property, or <see langword="null"/> when missing or null.</summary>
    public static string? ReadString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())
            : null;
}
