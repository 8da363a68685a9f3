using System.Globalization;
using System.Text;

namespace SyncGrid.Domain.Bitrix24;

/// <summary>
/// Encodes nested parameters in PHP bracket syntax, percent-encoding every value, so that a Bitrix24 portal's
/// <c>parse_str</c> reads back exactly what was meant: dictionaries become <c>name[key]</c>, lists
/// <c>name[0]</c>, <c>null</c> an empty value, booleans <c>Y</c>/<c>N</c> are left to the caller (Bitrix24 fields are
/// strings).
/// </summary>
public static class Bitrix24Query
{
    /// <summary>Encodes a parameter object (its keys are the top-level parameter names).</summary>
    public static string Encode(IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var builder = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            Append(builder, Escape(name), value);
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string prefix, object? value)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> map:
                foreach (var (key, item) in map)
                {
                    Append(builder, $"{prefix}[{Escape(key)}]", item);
                }

                break;
            case string text:
                Pair(builder, prefix, text);
                break;
            case System.Collections.IEnumerable list:
                var index = 0;
                foreach (var item in list)
                {
                    Append(builder, $"{prefix}[{index.ToString(CultureInfo.InvariantCulture)}]", item);
                    index++;
                }

                break;
            case null:
                Pair(builder, prefix, string.Empty);
                break;
            case IFormattable formattable:
                Pair(builder, prefix, formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                Pair(builder, prefix, value.ToString() ?? string.Empty);
                break;
        }
    }

    private static void Pair(StringBuilder builder, string key, string value)
    {
        if (builder.Length > 0)
        {
            builder.Append('&');
        }

        builder.Append(key).Append('=').Append(Escape(value));
    }

    private static string Escape(string text) => Uri.EscapeDataString(text);
}
