using System.Globalization;
using System.Text;

namespace SyncGrid.Domain.Text;

/// <summary>
/// A person's name split into last, first and middle name (Bitrix24's <c>LAST_NAME</c>, <c>NAME</c>,
/// <c>SECOND_NAME</c>). Handles "Иванов Иван Иванович", "ИВАНОВ И.И.", "И.И. Иванов", "Иван Иванович Иванов",
/// "  Петрова  Анна ", and re-cases names written all in capitals or all in lower case.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.PersonName")]
public sealed record PersonName([property: Id(0)] string? Last, [property: Id(1)] string? First, [property: Id(2)] string? Middle)
{
    private static readonly string[] PatronymicEndings = ["ович", "евич", "ьич", "ична", "овна", "евна", "инична", "оглы", "кызы"];
    private static readonly string[] SurnameEndings = ["ов", "ова", "ев", "ева", "ёв", "ёва", "ин", "ина", "ын", "ына", "ский", "ская", "цкий", "цкая", "ко", "ук", "юк", "дзе", "швили", "ян"];

    /// <summary>The name as one string, last name first.</summary>
    public string FullName => string.Join(' ', new[] { Last, First, Middle }.Where(p => p is not null));

    /// <summary>A key for identity within a company: lower case, ё as е, no dots, single spaces.</summary>
    public string MatchKey => BuildKey(FullName);

    /// <summary>Splits a full name written in one field.</summary>
    public static ParseResult<PersonName> Parse(string? fullName)
    {
        var cleaned = TextNormalizer.Clean(fullName);
        if (cleaned is null)
        {
            return new Problem("name.missing", "full_name", fullName, "The person's name is missing.");
        }

        if (!IsPlausibleName(cleaned))
        {
            return new Problem("name.format", "full_name", fullName, "A person's name holds only letters, spaces, dots, hyphens and apostrophes.");
        }

        var tokens = Tokenize(Recase(cleaned));
        return Assign(tokens);
    }

    /// <summary>Builds a name from parts given separately (store B); each part is cleaned.</summary>
    public static ParseResult<PersonName> FromParts(string? last, string? first, string? middle)
    {
        var l = TextNormalizer.Clean(last);
        var f = TextNormalizer.Clean(first);
        var m = TextNormalizer.Clean(middle);
        if (l is null && f is null && m is null)
        {
            return new Problem("name.missing", "name", null, "The person's name is missing.");
        }

        var joined = string.Join(' ', new[] { l, f, m }.Where(p => p is not null));
        if (!IsPlausibleName(joined))
        {
            return new Problem("name.format", "name", joined, "A person's name holds only letters, spaces, dots, hyphens and apostrophes.");
        }

        var recase = NeedsRecase(joined);
        return new PersonName(
            recase && l is not null ? TitleCase(l) : l,
            recase && f is not null ? TitleCase(f) : f,
            recase && m is not null ? TitleCase(m) : m);
    }

    /// <inheritdoc />
    public override string ToString() => FullName;

    private static ParseResult<PersonName> Assign(List<string> t)
    {
        switch (t.Count)
        {
            case 0:
                return new Problem("name.missing", "full_name", null, "The person's name is missing.");
            case 1:
                return EndsWithAny(t[0], SurnameEndings) ? new PersonName(t[0], null, null) : new PersonName(null, t[0], null);
            case 2:
                if (IsInitial(t[0]) && !IsInitial(t[1]))
                {
                    return new PersonName(t[1], t[0], null);
                }

                if (IsPatronymic(t[1]))
                {
                    return new PersonName(null, t[0], t[1]);
                }

                return new PersonName(t[0], t[1], null);
            case 3:
                if (IsInitial(t[0]) && IsInitial(t[1]) && !IsInitial(t[2]))
                {
                    return new PersonName(t[2], t[0], t[1]);
                }

                if (IsPatronymic(t[1]) && !IsPatronymic(t[2]))
                {
                    return new PersonName(t[2], t[0], t[1]);
                }

                return new PersonName(t[0], t[1], t[2]);
            default:
                return new PersonName(t[0], t[1], string.Join(' ', t.Skip(2)));
        }
    }

    private static List<string> Tokenize(string cleaned)
    {
        var tokens = new List<string>(4);
        foreach (var word in cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var w = word.Trim(',', ';');
            if (w.Length == 0)
            {
                continue;
            }

            // "И.И." and "И.Иванович" hold more than one part.
            var start = 0;
            for (var i = 0; i < w.Length; i++)
            {
                if (w[i] == '.' && i + 1 < w.Length)
                {
                    tokens.Add(w[start..(i + 1)]);
                    start = i + 1;
                }
            }

            tokens.Add(w[start..]);
        }

        return tokens;
    }

    private static bool IsInitial(string token) =>
        (token.Length == 2 && char.IsLetter(token[0]) && token[1] == '.') || (token.Length == 1 && char.IsLetter(token[0]));

    private static bool IsPatronymic(string token) => EndsWithAny(token, PatronymicEndings);

    private static bool EndsWithAny(string token, string[] endings)
    {
        foreach (var ending in endings)
        {
            if (token.Length > ending.Length + 1 && token.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPlausibleName(string text)
    {
        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
            }
            else if (c is not (' ' or '.' or '-' or '\'' or ',' or '(' or ')'))
            {
                return false;
            }
        }

        return letters > 0;
    }

    private static bool NeedsRecase(string text)
    {
        var upper = 0;
        var lower = 0;
        foreach (var c in text)
        {
            if (char.IsUpper(c))
            {
                upper++;
            }
            else if (char.IsLower(c))
            {
                lower++;
            }
        }

        // All capitals (more than a lone initial) or all lower case.
        return (lower == 0 && upper > 1) || (upper == 0 && lower > 0);
    }

    private static string Recase(string text) => NeedsRecase(text) ? TitleCase(text) : text;

    private static string TitleCase(string text)
    {
        var builder = new StringBuilder(text.Length);
        var startOfWord = true;
        foreach (var c in text)
        {
            builder.Append(startOfWord ? char.ToUpper(c, CultureInfo.InvariantCulture) : char.ToLower(c, CultureInfo.InvariantCulture));
            startOfWord = !char.IsLetter(c);
        }

        return builder.ToString();
    }

    private static string BuildKey(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                var lower = char.ToLowerInvariant(c);
                builder.Append(lower == 'ё' ? 'е' : lower);
            }
            else if (c == ' ' && builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd();
    }
}
