using System.Text.RegularExpressions;

namespace SyncGrid.Domain.Channels;

/// <summary>
/// Normalises e-mail fields: several addresses in one field are split (on <c>,</c>, <c>;</c> or white space),
/// each is trimmed, stripped of <c>mailto:</c> and angle brackets, lower-cased and validated.
/// </summary>
public static partial class EmailNormalizer
{
    private static readonly string[] NonePlaceholders = ["нет", "-", "—", "n/a", "na", "нет данных", "отсутствует", "не указан", "none"];

    /// <summary>Parses one raw field, which may hold several addresses.</summary>
    public static ChannelParseResult<EmailAddress> Parse(string? raw, string field = "email")
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new([], []);
        }

        var values = new List<EmailAddress>(1);
        List<Problem>? problems = null;
        AddPieces(raw, field, values, ref problems);
        return new(new ValueList<EmailAddress>(values), problems is null ? [] : new ValueList<Problem>(problems));
    }

    /// <summary>Parses several raw values (store B gives a list); duplicates are kept once, in first-seen order.</summary>
    public static ChannelParseResult<EmailAddress> ParseAll(IEnumerable<string?> raws, string field = "emails")
    {
        ArgumentNullException.ThrowIfNull(raws);
        var values = new List<EmailAddress>(1);
        List<Problem>? problems = null;
        foreach (var raw in raws)
        {
            if (!string.IsNullOrWhiteSpace(raw))
            {
                AddPieces(raw, field, values, ref problems);
            }
        }

        return new(new ValueList<EmailAddress>(values), problems is null ? [] : new ValueList<Problem>(problems));
    }

    /// <summary>Validates and normalises exactly one address.</summary>
    public static ParseResult<EmailAddress> ParseOne(string? raw, string field = "email")
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new Problem("email.missing", field, raw, "The e-mail address is missing.");
        }

        var text = raw.AsSpan().Trim().Trim("<>\"'()[]");
        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["mailto:".Length..];
        }

        text = text.TrimEnd('.');
        var lower = text.ToString().ToLowerInvariant();
        var reason = Validate(lower);
        return reason is null
            ? new EmailAddress(lower)
            : new Problem("email.invalid", field, raw, reason);
    }

    private static void AddPieces(string raw, string field, List<EmailAddress> values, ref List<Problem>? problems)
    {
        // "Иван Петров <ivan@example.ru>": keep the address, drop the display name.
        if (raw.Contains('<', StringComparison.Ordinal))
        {
            raw = DisplayName().Replace(raw, "$1");
        }

        foreach (var piece in Separators().Split(raw))
        {
            if (piece.Length == 0 || IsNonePlaceholder(piece))
            {
                continue;
            }

            var result = ParseOne(piece, field);
            if (result.Success)
            {
                if (!values.Contains(result.Value))
                {
                    values.Add(result.Value);
                }
            }
            else
            {
                (problems ??= []).Add(result.Problem);
            }
        }
    }

    private static string? Validate(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return "An e-mail address needs an @.";
        }

        if (address.IndexOf('@', at + 1) >= 0)
        {
            return "An e-mail address has exactly one @.";
        }

        var local = address.AsSpan(0, at);
        var domain = address.AsSpan(at + 1);
        if (local.Length is 0 or > 64)
        {
            return "The part before the @ must have 1 to 64 characters.";
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return "The part before the @ may not start or end with a dot or hold two dots in a row.";
        }

        foreach (var c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~.-".Contains(c, StringComparison.Ordinal)))
            {
                return $"The character '{c}' is not allowed before the @.";
            }
        }

        if (domain.Length is 0 or > 253)
        {
            return "The domain must have 1 to 253 characters.";
        }

        var labels = 0;
        ReadOnlySpan<char> lastLabel = default;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return "The domain has an empty, too long or hyphen-edged label.";
            }

            foreach (var c in label)
            {
                if (!(char.IsLetterOrDigit(c) || c == '-'))
                {
                    return $"The character '{c}' is not allowed in a domain.";
                }
            }

            labels++;
            lastLabel = label;
        }

        if (labels < 2)
        {
            return "The domain needs a top-level part (for example .ru).";
        }

        if (lastLabel.Length < 2 || (!lastLabel.StartsWith("xn--", StringComparison.Ordinal) && ContainsNonLetter(lastLabel)))
        {
            return "The top-level domain must be at least two letters.";
        }

        return null;
    }

    private static bool ContainsNonLetter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNonePlaceholder(string text)
    {
        foreach (var p in NonePlaceholders)
        {
            if (text.Equals(p, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"[^,;<>]*<\s*([^<>\s]+@[^<>\s]+)\s*>", RegexOptions.CultureInvariant)]
    private static partial Regex DisplayName();

    [GeneratedRegex(@"[,;\s]+", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();
}
