using System.Text.RegularExpressions;
using PhoneNumbers;

namespace SyncGrid.Domain.Channels;

/// <summary>
/// Normalises phone fields with libphonenumber: E.164, default region RU (so the trunk prefix <c>8</c> is understood),
/// several numbers in one field split, extensions ("доб. 12", "ext 12", "x12") kept apart, mobile and fixed lines
/// told apart. Parts that are not phone numbers come back as problems.
/// </summary>
public static partial class PhoneNormalizer
{
    /// <summary>The region assumed for numbers written without a country code.</summary>
    public const string DefaultRegion = "RU";

    // Bounds the word-run search for numbers written without separators: no real phone field has more words.
    private const int MaxWords = 24;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly string[] NonePlaceholders = ["нет", "-", "—", "n/a", "na", "нет данных", "отсутствует", "не указан", "none"];

    /// <summary>Parses one raw field, which may hold several numbers.</summary>
    public static ChannelParseResult<PhoneNumber> Parse(string? raw, string field = "phone")
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new([], []);
        }

        var numbers = new List<PhoneNumber>(2);
        List<Problem>? problems = null;
        foreach (var piece in Separators().Split(raw))
        {
            ParsePiece(piece, field, numbers, ref problems);
        }

        return new ChannelParseResult<PhoneNumber>(new ValueList<PhoneNumber>(numbers), problems is null ? [] : new ValueList<Problem>(problems));
    }

    /// <summary>Parses several raw values (store B gives a list); duplicates are kept once, in first-seen order.</summary>
    public static ChannelParseResult<PhoneNumber> ParseAll(IEnumerable<string?> raws, string field = "phones")
    {
        ArgumentNullException.ThrowIfNull(raws);
        var numbers = new List<PhoneNumber>(2);
        List<Problem>? problems = null;
        foreach (var raw in raws)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            foreach (var piece in Separators().Split(raw))
            {
                ParsePiece(piece, field, numbers, ref problems);
            }
        }

        return new ChannelParseResult<PhoneNumber>(new ValueList<PhoneNumber>(numbers), problems is null ? [] : new ValueList<Problem>(problems));
    }

    private static void ParsePiece(string piece, string field, List<PhoneNumber> numbers, ref List<Problem>? problems)
    {
        var text = piece.Trim();
        if (text.Length == 0 || IsNonePlaceholder(text))
        {
            return;
        }

        if (!text.AsSpan().ContainsAnyInRange('0', '9'))
        {
            (problems ??= []).Add(new Problem("phone.format", field, piece, "The value holds no digits, so it is not a phone number."));
            return;
        }

        // "8 (495) 500-55-50, доб. 1234": the extension was split off by the comma; it belongs to the number before it.
        var alone = ExtensionOnly().Match(text);
        if (alone.Success && numbers.Count > 0 && numbers[^1].Extension is null)
        {
            numbers[^1] = numbers[^1] with { Extension = alone.Groups["ext"].Value };
            return;
        }

        string? extension = null;
        var match = ExtensionSuffix().Match(text);
        if (match.Success)
        {
            extension = match.Groups["ext"].Value;
            text = text[..match.Index].Trim();
        }

        if (TryParseOne(text, extension, out var number, out var problem))
        {
            Add(numbers, number);
            return;
        }

        // Several numbers separated only by spaces ("+7 495 500-55-50 +7 916 123-45-67"), or a number followed by
        // something that is not one: take the longest run of words that is a valid number, again and again; keep every
        // number found and report the words left over.
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > MaxWords)
        {
            (problems ??= []).Add(problem! with { RawValue = piece });
            return;
        }

        var found = false;
        List<string>? leftover = null;
        var start = 0;
        while (start < words.Length)
        {
            var end = words.Length;
            for (; end > start; end--)
            {
                if (TryParseOne(string.Join(' ', words, start, end - start), null, out var part, out _))
                {
                    Add(numbers, part);
                    found = true;
                    break;
                }
            }

            if (end > start)
            {
                start = end;
            }
            else
            {
                (leftover ??= []).Add(words[start++]);
            }
        }

        if (!found)
        {
            (problems ??= []).Add(problem! with { RawValue = piece });
        }
        else if (leftover is not null && string.Concat(leftover).AsSpan().ContainsAnyInRange('0', '9'))
        {
            (problems ??= []).Add(new Problem("phone.invalid", "phone", string.Join(' ', leftover), "Part of the value is not a valid phone number."));
        }
    }

    private static bool TryParseOne(string text, string? extension, out PhoneNumber number, out Problem? problem)
    {
        number = null!;
        try
        {
            var parsed = Util.Parse(text, DefaultRegion);
            if (!Util.IsValidNumber(parsed))
            {
                problem = new Problem("phone.invalid", "phone", text, "The number has the wrong length or an unknown code for its region.");
                return false;
            }

            number = ToPhone(parsed, extension ?? (parsed.HasExtension ? parsed.Extension : null));
            problem = null;
            return true;
        }
        catch (NumberParseException e)
        {
            problem = new Problem("phone.format", "phone", text, $"Not a phone number ({e.ErrorType}).");
            return false;
        }
    }

    private static PhoneNumber ToPhone(PhoneNumbers.PhoneNumber parsed, string? extension)
    {
        var kind = Util.GetNumberType(parsed) switch
        {
            PhoneNumberType.MOBILE => PhoneKind.Mobile,
            PhoneNumberType.FIXED_LINE => PhoneKind.Fixed,
            PhoneNumberType.FIXED_LINE_OR_MOBILE => PhoneKind.FixedOrMobile,
            PhoneNumberType.TOLL_FREE => PhoneKind.TollFree,
            _ => PhoneKind.Other,
        };
        return new PhoneNumber(Util.Format(parsed, PhoneNumberFormat.E164), string.IsNullOrEmpty(extension) ? null : extension, kind);
    }

    private static void Add(List<PhoneNumber> numbers, PhoneNumber number)
    {
        if (!numbers.Contains(number))
        {
            numbers.Add(number);
        }
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

    [GeneratedRegex(@"[,;|\n\r/]|\s(?:или|и|or)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    [GeneratedRegex(@"[\s,]*\(?(?:доб(?:авочный)?\.?|вн(?:утр)?\.?|ext\.?|extension|x|#)\s*[:.]?\s*(?<ext>\d{1,7})\)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionSuffix();

    [GeneratedRegex(@"^\(?(?:доб(?:авочный)?\.?|вн(?:утр)?\.?|ext\.?|extension|x|#)\s*[:.]?\s*(?<ext>\d{1,7})\)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionOnly();
}
