using System.Globalization;
using System.Text;
using SyncGrid.Generator.Model;

namespace SyncGrid.Generator;

/// <summary>
/// Turns clean values into the messy text the sources write. Every rendering is one whose normalised value is known by
/// construction (the clean value it came from), and every deliberately bad value comes with the problem the record
/// normaliser reports for it (code, field, raw value as the rejects store keys it).
/// </summary>
internal static class Render
{
    // ---- identifiers -------------------------------------------------------------------------------------------

    /// <summary>A valid TIN in one of its free-text forms.</summary>
    public static string Tin(Rng rng, string tin, bool storeB, out bool asNumber)
    {
        asNumber = false;
        switch (rng.Weighted([70, 8, 8, 4, 5, 2, 3]))
        {
            case 1:
                return $" {tin[..4]} {tin[4..7]} {tin[7..]} ";
            case 2:
                return "ИНН " + tin;
            case 3:
                return "ИНН: " + tin;
            case 4:
                return $"{tin[..4]}-{tin[4..7]}-{tin[7..]}";
            case 5:
                return $"{tin[..4]}.{tin[4..7]}.{tin[7..]}";
            case 6:
                return "\u00A0" + tin + " ";
            default:
                asNumber = storeB && tin[0] != '0' && rng.Chance(0.07);
                return tin;
        }
    }

    /// <summary>An invalid TIN rendering (store A text or store B value) and the problem it causes.</summary>
    public static (string? Raw, bool AsNumber, bool TaxNumbersAsString, ExpectedProblem Problem) InvalidTin(Rng rng, string validTin, string? kpp, bool storeB)
    {
        const string field = "inn";
        switch (rng.Weighted([12, 8, 3, 8, 4, 6, 4, 30, 12, 6, storeB ? 7 : 0]))
        {
            case 0:
                return (null, false, false, new("tin.missing", field, null));
            case 1:
                return (string.Empty, false, false, new("tin.missing", field, string.Empty));
            case 2:
                return ("   ", false, false, new("tin.missing", field, "   "));
            case 3:
                return ("нет", false, false, new("tin.format", field, "нет"));
            case 4:
                return ("-", false, false, new("tin.format", field, "-"));
            case 5:
                {
                    var raw = validTin.Contains('0', StringComparison.Ordinal) ? validTin.Replace('0', 'O') : "N" + validTin;
                    return (raw, false, false, new("tin.format", field, raw));
                }

            case 6:
                {
                    var raw = kpp is null ? validTin + " (ИП)" : $"{validTin}/{kpp}";
                    return (raw, false, false, new("tin.format", field, raw));
                }

            case 7:
                {
                    var broken = Identifiers.BreakTin(validTin);
                    var raw = rng.Chance(0.3) ? $" {broken[..4]} {broken[4..7]} {broken[7..]}" : broken;
                    return (raw, false, false, new("tin.checksum", field, raw));
                }

            case 8:
                {
                    var raw = rng.Chance(0.5) ? validTin[..^1] : validTin + (char)('0' + rng.Next(10));
                    return (raw, false, false, new("tin.length", field, raw));
                }

            case 9:
                {
                    var raw = validTin.Length == 10 ? "0000000000" : "000000000000";
                    return (raw, false, false, new("tin.zero", field, raw));
                }

            default:
                return (validTin, false, true, new("tin.missing", field, null));
        }
    }

    public static string Kpp(Rng rng, string kpp, bool storeB, out bool asNumber)
    {
        asNumber = false;
        switch (rng.Weighted([85, 5, 5, 5]))
        {
            case 1:
                return "КПП " + kpp;
            case 2:
                return $"{kpp[..4]} {kpp[4..6]} {kpp[6..]}";
            case 3:
                asNumber = storeB && kpp[0] != '0';
                return kpp;
            default:
                return kpp;
        }
    }

    public static string Ogrn(Rng rng, string ogrn, bool storeA) => rng.Weighted([85, 10, 5]) switch
    {
        1 when ogrn.Length == 13 || !storeA => (ogrn.Length == 13 ? "ОГРН " : "ОГРНИП ") + ogrn,
        2 => $"{ogrn[..1]} {ogrn[1..3]} {ogrn[3..5]} {ogrn[5..]}",
        _ => ogrn,
    };

    public static string Bik(Rng rng, string bik) => rng.Chance(0.1) ? "БИК " + bik : bik;

    public static string Account(Rng rng, string account) => rng.Weighted([80, 12, 8]) switch
    {
        1 => $"{account[..4]} {account[4..8]} {account[8..12]} {account[12..16]} {account[16..]}",
        2 => "р/с " + account,
        _ => account,
    };

    // ---- text ----------------------------------------------------------------------------------------------------

    /// <summary>A company name whose cleaned display is <paramref name="display"/>.</summary>
    public static string CompanyName(Rng rng, string display)
    {
        var quoted = display.Count(c => c == '"') == 2;
        return rng.Weighted([55, quoted ? 12 : 0, quoted ? 5 : 0, quoted ? 5 : 0, 15, 5, 3]) switch
        {
            1 => ReplaceQuotes(display, '«', '»'),
            2 => ReplaceQuotes(display, '“', '”'),
            3 => display.Replace("\"", "\"\"", StringComparison.Ordinal),
            4 => "  " + display.Replace(" ", "  ", StringComparison.Ordinal) + " ",
            5 => ReplaceFirst(display, " ", "\u00A0") + "\t",
            6 => display + " \r\n",
            _ => display,
        };
    }

    /// <summary>Free text (an address, a position) whose cleaned form is <paramref name="clean"/>.</summary>
    public static string Text(Rng rng, string clean) => rng.Weighted([72, 14, 5, 4, 5]) switch
    {
        1 => " " + clean.Replace(", ", ",  ", StringComparison.Ordinal).Replace(" ", "  ", StringComparison.Ordinal) + "  ",
        2 => clean.Replace(", ", ",\n", StringComparison.Ordinal),
        3 => "\t" + clean,
        4 => ReplaceFirst(clean, " ", "\u00A0"),
        _ => clean,
    };

    // ---- phones --------------------------------------------------------------------------------------------------

    /// <summary>One number in one of its notations, with its extension written inline.</summary>
    public static string Phone(Rng rng, CleanPhone phone)
    {
        var n = phone.National;
        var a = n[..3];
        var s = n[3..];
        var text = rng.Weighted([30, 22, 10, 8, 8, 10, 6, 6]) switch
        {
            1 => $"+7 {a} {s[..3]}-{s[3..5]}-{s[5..]}",
            2 => $"8{a}{s}",
            3 => $"+7({a}){s}",
            4 => $"8-{a}-{s[..3]}-{s[3..5]}-{s[5..]}",
            5 => $"{a} {s[..3]} {s[3..5]} {s[5..]}",
            6 => $"+7{a}{s}",
            7 => $"8 {a} {s}",
            _ => $"8 ({a}) {s[..3]}-{s[3..5]}-{s[5..]}",
        };
        if (phone.Extension is { } ext)
        {
            text += rng.Weighted([50, 15, 15, 20]) switch
            {
                1 => " доб." + ext,
                2 => " ext " + ext,
                3 => " (вн. " + ext + ")",
                _ => " доб. " + ext,
            };
        }

        return text;
    }

    /// <summary>
    /// A store A phone field (several numbers in one text) for the clean list, optionally with a duplicate notation and a
    /// bad part whose problem is added to <paramref name="problems"/>.
    /// </summary>
    public static string? PhoneField(Rng rng, IReadOnlyList<CleanPhone> phones, string? bad, string badCode, List<ExpectedProblem> problems)
    {
        if (phones.Count == 0 && bad is null)
        {
            return rng.Weighted([80, 12, 5, 3]) switch
            {
                1 => string.Empty,
                2 => "нет",
                3 => "-",
                _ => null,
            };
        }

        var builder = new StringBuilder();
        for (var i = 0; i < phones.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(rng.Weighted([40, 25, 10, 15, 10]) switch
                {
                    1 => "; ",
                    2 => ",",
                    3 => " или ",
                    4 => " / ",
                    _ => ", ",
                });
            }

            var phone = phones[i];
            if (phone.Extension is { } ext && rng.Chance(0.25))
            {
                // The extension as its own part after a comma: it belongs to the number before it.
                builder.Append(Phone(rng, phone with { Extension = null })).Append(", доб. ").Append(ext);
            }
            else
            {
                builder.Append(Phone(rng, phone));
            }
        }

        if (phones.Count > 0 && rng.Chance(0.05))
        {
            // The first number again in another notation: the same value once.
            builder.Append("; ").Append(Phone(rng, phones[0]));
        }

        if (bad is not null)
        {
            var piece = builder.Length == 0 ? bad : " " + bad;
            builder.Append(builder.Length == 0 ? string.Empty : ",").Append(piece);
            problems.Add(new(badCode, "phone", piece));
        }

        return builder.ToString();
    }

    /// <summary>A store B phone list: one number per element, optionally a duplicate and a bad element.</summary>
    public static void PhoneList(Rng rng, IReadOnlyList<CleanPhone> phones, string? bad, string badCode, List<string> into, List<ExpectedProblem> problems)
    {
        foreach (var phone in phones)
        {
            into.Add(Phone(rng, phone));
        }

        if (phones.Count > 0 && rng.Chance(0.04))
        {
            into.Add(Phone(rng, phones[rng.Next(phones.Count)]));
        }

        if (bad is not null)
        {
            into.Insert(rng.Next(into.Count + 1), bad);
            problems.Add(new(badCode, "phone", bad));
        }
    }

    // ---- e-mails -------------------------------------------------------------------------------------------------

    /// <summary>One address in one of its written forms; <paramref name="displayName"/> is used for the "Name &lt;address&gt;" form.</summary>
    public static string Email(Rng rng, string email, string? displayName, bool allowDisplayName)
    {
        return rng.Weighted([62, 10, 6, 5, allowDisplayName ? 4 : 0, allowDisplayName ? 6 : 0, 4, 3]) switch
        {
            1 => email.ToUpperInvariant(),
            2 => char.ToUpperInvariant(email[0]) + email[1..],
            3 => "mailto:" + email,
            4 => "<" + email + ">",
            5 => $"{displayName ?? "Почта"} <{email}>",
            6 => email + ".",
            7 => "'" + email + "'",
            _ => email,
        };
    }

    /// <summary>A store A e-mail field: several addresses in one text, optionally with a bad one.</summary>
    public static string? EmailField(Rng rng, IReadOnlyList<string> emails, string? displayName, string? bad, List<ExpectedProblem> problems)
    {
        if (emails.Count == 0 && bad is null)
        {
            return rng.Weighted([85, 10, 5]) switch
            {
                1 => string.Empty,
                2 => "нет",
                _ => null,
            };
        }

        var separator = rng.Weighted([45, 25, 15, 15]) switch
        {
            1 => ", ",
            2 => " ",
            3 => ";",
            _ => "; ",
        };
        var builder = new StringBuilder();
        for (var i = 0; i < emails.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(separator);
            }

            builder.Append(Email(rng, emails[i], displayName, allowDisplayName: separator != " "));
        }

        if (bad is not null)
        {
            builder.Append(builder.Length == 0 ? string.Empty : "; ").Append(bad);
            problems.Add(new("email.invalid", "email", bad));
        }

        return builder.Length == 0 ? " " : builder.ToString();
    }

    /// <summary>A store B e-mail list: one address per element (sometimes two in one), optionally with a bad element.</summary>
    public static void EmailList(Rng rng, IReadOnlyList<string> emails, string? displayName, string? bad, List<string> into, List<ExpectedProblem> problems)
    {
        for (var i = 0; i < emails.Count; i++)
        {
            if (i + 1 < emails.Count && rng.Chance(0.1))
            {
                into.Add(emails[i] + "; " + emails[i + 1]);
                i++;
                continue;
            }

            into.Add(Email(rng, emails[i], displayName, allowDisplayName: true));
        }

        if (bad is not null)
        {
            into.Add(bad);
            problems.Add(new("email.invalid", "email", bad));
        }
    }

    // ---- person names --------------------------------------------------------------------------------------------

    /// <summary>A store A full name and the parts the name parser must produce from it.</summary>
    public static string FullName(Rng rng, Person p, out string? last, out string? first, out string? middle)
    {
        last = p.Last;
        first = p.First;
        middle = p.Middle;
        var full = string.Join(' ', new[] { p.Last, p.First, p.Middle }.Where(x => x is not null));
        var fi = p.First[..1] + ".";
        var mi = p.Middle is null ? null : p.Middle[..1] + ".";
        switch (rng.Weighted([45, 12, 5, p.Middle is null ? 0 : 8, 12, 5, 5, p.Middle is null ? 0 : 5, 3]))
        {
            case 1:
                return full.ToUpperInvariant();
            case 2:
                return full.ToLowerInvariant();
            case 3:
                return $"{p.First} {p.Middle} {p.Last}";
            case 4:
                first = fi;
                middle = mi;
                return rng.Chance(0.5) ? $"{p.Last} {fi}{mi}" : $"{p.Last} {fi}{(mi is null ? string.Empty : " " + mi)}";
            case 5:
                first = fi;
                middle = mi;
                return $"{p.Last} {fi}{mi}".ToUpperInvariant();
            case 6:
                first = fi;
                middle = mi;
                return $"{fi}{mi} {p.Last}";
            case 7:
                middle = null;
                return $"{p.Last} {p.First}";
            case 8:
                return "  " + full.Replace(" ", "   ", StringComparison.Ordinal) + " ";
            default:
                return full;
        }
    }

    /// <summary>Store B name parts and the parts the cleaning must produce from them.</summary>
    public static (string? Last, string? First, string? Middle) NameParts(Rng rng, Person p, out string? last, out string? first, out string? middle)
    {
        last = p.Last;
        first = p.First;
        middle = p.Middle;
        switch (rng.Weighted([70, 10, 3, 10, 7]))
        {
            case 1:
                return (p.Last.ToUpperInvariant(), p.First.ToUpperInvariant(), p.Middle?.ToUpperInvariant());
            case 2:
                return (p.Last.ToLowerInvariant(), p.First.ToLowerInvariant(), p.Middle?.ToLowerInvariant());
            case 3:
                return ("  " + p.Last + " ", " " + p.First, p.Middle is null ? null : p.Middle + "  ");
            case 4:
                first = p.First[..1] + ".";
                middle = p.Middle is null ? null : p.Middle[..1] + ".";
                return (p.Last, first, middle);
            default:
                return (p.Last, p.First, p.Middle);
        }
    }

    /// <summary>The person-name matching key (<c>PersonName.MatchKey</c>): letters lower-cased, ё as е, single spaces.</summary>
    public static string NameKey(string? last, string? first, string? middle)
    {
        var full = string.Join(' ', new[] { last, first, middle }.Where(x => x is not null));
        var builder = new StringBuilder(full.Length);
        foreach (var c in full)
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

    /// <summary>A source time to the microsecond, as <c>expected.json</c> names source records.</summary>
    public static string PreciseTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string ReplaceQuotes(string text, char open, char close)
    {
        var first = text.IndexOf('"', StringComparison.Ordinal);
        var second = text.IndexOf('"', first + 1);
        return text[..first] + open + text[(first + 1)..second] + close + text[(second + 1)..];
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        var index = text.IndexOf(what, StringComparison.Ordinal);
        return index < 0 ? text : text[..index] + with + text[(index + what.Length)..];
    }
}
