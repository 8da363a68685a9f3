using System.Text;

namespace SyncGrid.Domain.Text;

/// <summary>
/// The text rule every source shares: trimmed, inner whitespace collapsed to one space, control characters removed,
/// Unicode NFC, and typographic quotes normalised (double quotes to <c>"</c>, single quotes and apostrophes to <c>'</c>).
/// </summary>
public static class TextNormalizer
{
    /// <summary>Cleans a value; a value that is empty after cleaning becomes <see langword="null"/>.</summary>
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // Fast path: most values are already clean.
        if (IsClean(value))
        {
            return value.Length == 0 ? null : value;
        }

        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || IsInvisibleSeparator(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (char.IsControl(c) || c == '\uFEFF' || c == '\u00AD')
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(MapQuote(c));
        }

        if (builder.Length == 0)
        {
            return null;
        }

        var text = builder.ToString();
        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    private static bool IsClean(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        if (value[0] == ' ' || value[^1] == ' ')
        {
            return false;
        }

        var previousSpace = false;
        var ascii = true;
        foreach (var c in value)
        {
            if (c == ' ')
            {
                if (previousSpace)
                {
                    return false;
                }

                previousSpace = true;
                continue;
            }

            previousSpace = false;
            if (c < 0x20 || c == 0x7F || c == '`')
            {
                return false;
            }

            if (c >= 0x80)
            {
                ascii = false;
                if (char.IsWhiteSpace(c) || char.IsControl(c) || IsInvisibleSeparator(c) || c == '\uFEFF' || c == '\u00AD' || MapQuote(c) != c)
                {
                    return false;
                }
            }
        }

        return ascii || value.IsNormalized(NormalizationForm.FormC);
    }

    private static bool IsInvisibleSeparator(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060';

    private static char MapQuote(char c) => c switch
    {
        '\u00AB' or '\u00BB' or '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u2036' or '\u301D' or '\u301E' or '\uFF02' => '"',
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u2035' or '\u0060' or '\u00B4' or '\u2039' or '\u203A' or '\uFF07' => '\'',
        _ => c,
    };
}
