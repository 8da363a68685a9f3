namespace SyncGrid.Domain.Identifiers;

/// <summary>
/// Pulls the digits out of free text such as <c>" 7707 083 893 "</c>, <c>"ИНН 7707083893"</c> or <c>"ИНН: 7707-083-893"</c>:
/// a known prefix is dropped, spaces, dashes and dots are stripped, and anything else makes the value malformed.
/// </summary>
internal static class DigitText
{
    internal enum Outcome
    {
        Ok,
        Missing,
        Malformed,
    }

    // A digit string longer than this is never an identifier; it also bounds the stack buffer.
    private const int MaxDigits = 64;

    internal static Outcome Extract(string? raw, ReadOnlySpan<string> prefixes, out string digits)
    {
        digits = string.Empty;
        if (raw is null)
        {
            return Outcome.Missing;
        }

        var text = raw.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return Outcome.Missing;
        }

        text = StripPrefix(text, prefixes);
        Span<char> buffer = stackalloc char[MaxDigits];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == MaxDigits)
                {
                    return Outcome.Malformed;
                }

                buffer[count++] = c;
            }
            else if (!IsSeparator(c))
            {
                return Outcome.Malformed;
            }
        }

        if (count == 0)
        {
            return Outcome.Malformed;
        }

        digits = new string(buffer[..count]);
        return Outcome.Ok;
    }

    internal static bool IsSeparator(char c) => c switch
    {
        ' ' or '\t' or '\r' or '\n' or '\u00A0' or '\u2007' or '\u202F' => true,
        '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => true,
        '.' => true,
        _ => false,
    };

    internal static bool AllZeros(ReadOnlySpan<char> digits) => !digits.ContainsAnyExcept('0');

    private static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> text, ReadOnlySpan<string> prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[prefix.Length..];
                break;
            }
        }

        // "ИНН: 123", "ИНН № 123", "ИНН - 123"
        return text.TrimStart(" \t\u00A0:№#=-");
    }
}
