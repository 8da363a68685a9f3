namespace SyncGrid.Domain.Bitrix24;

/// <summary>
/// A reference, inside a command group sent to the gateway, to the result of an earlier command of the same group:
/// put <c>Bitrix24Ref.To(0)</c> as a parameter value and the gateway rewrites it into the <c>$result[key]</c> of that
/// command in the batch it builds (a group is never split across batches).
/// </summary>
public static class Bitrix24Ref
{
    private const string Prefix = "$ref";

    /// <summary>The placeholder for the result of command <paramref name="index"/> of the group.</summary>
    public static string To(int index) => Prefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Rewrites the placeholders of an encoded query into <c>$result[key]</c> references.</summary>
    public static string Resolve(string query, Func<int, string> keyOfIndex)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(keyOfIndex);
        var encoded = Uri.EscapeDataString(Prefix);
        if (!query.Contains(encoded, StringComparison.Ordinal))
        {
            return query;
        }

        var builder = new System.Text.StringBuilder(query.Length + 16);
        var i = 0;
        while (i < query.Length)
        {
            var at = query.IndexOf(encoded, i, StringComparison.Ordinal);
            if (at < 0)
            {
                builder.Append(query, i, query.Length - i);
                break;
            }

            builder.Append(query, i, at - i);
            var digits = at + encoded.Length;
            var end = digits;
            while (end < query.Length && char.IsAsciiDigit(query[end]))
            {
                end++;
            }

            if (end == digits)
            {
                builder.Append(encoded);
                i = digits;
                continue;
            }

            var index = int.Parse(query.AsSpan(digits, end - digits), System.Globalization.CultureInfo.InvariantCulture);
            builder.Append(Uri.EscapeDataString($"$result[{keyOfIndex(index)}]"));
            i = end;
        }

        return builder.ToString();
    }
}
