using System.Diagnostics.CodeAnalysis;

namespace SyncGrid.Domain.Identifiers;

/// <summary>
/// A tax registration reason code (KPP): 9 characters, <c>^\d{4}[\dA-Z]{2}\d{3}$</c>.
/// Branches of one company share its TIN and differ by KPP. <c>default(Kpp)</c> is not valid.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Kpp")]
public readonly record struct Kpp
{
    private static readonly string[] Prefixes = ["КПП", "KPP"];

    private Kpp(string value) => Value = value;

    /// <summary>The 9 characters, upper-case Latin letters where the code has letters.</summary>
    [Id(0)]
    public string Value { get; }

    /// <summary>Parses a KPP from free text. Cyrillic letters that look like Latin ones (А, В, Е, …) are read as Latin.</summary>
    public static ParseResult<Kpp> Parse(string? text)
    {
        const string field = "kpp";
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Problem("kpp.missing", field, text, "The KPP is missing.");
        }

        var span = text.AsSpan().Trim();
        foreach (var prefix in Prefixes)
        {
            if (span.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                span = span[prefix.Length..].TrimStart(" \t\u00A0:№#=-");
                break;
            }
        }

        Span<char> buffer = stackalloc char[9];
        var count = 0;
        foreach (var raw in span)
        {
            if (DigitText.IsSeparator(raw))
            {
                continue;
            }

            if (count == buffer.Length)
            {
                return new Problem("kpp.format", field, text, "A KPP has exactly 9 characters.");
            }

            buffer[count++] = ToLatinUpper(raw);
        }

        if (count != 9 || !IsWellFormed(buffer))
        {
            return new Problem("kpp.format", field, text, "A KPP is 4 digits, 2 digits or capital Latin letters, then 3 digits.");
        }

        return new Kpp(new string(buffer));
    }

    /// <summary>Parses free text; returns <see langword="false"/> for anything that is not a well-formed KPP.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Kpp kpp)
    {
        var result = Parse(text);
        kpp = result.GetValueOrDefault();
        return result.Success;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    private static bool IsWellFormed(ReadOnlySpan<char> c) =>
        char.IsAsciiDigit(c[0]) && char.IsAsciiDigit(c[1]) && char.IsAsciiDigit(c[2]) && char.IsAsciiDigit(c[3])
        && (char.IsAsciiDigit(c[4]) || char.IsAsciiLetterUpper(c[4]))
        && (char.IsAsciiDigit(c[5]) || char.IsAsciiLetterUpper(c[5]))
        && char.IsAsciiDigit(c[6]) && char.IsAsciiDigit(c[7]) && char.IsAsciiDigit(c[8]);

    private static char ToLatinUpper(char c) => c switch
    {
        'А' or 'а' => 'A',
        'В' or 'в' => 'B',
        'Е' or 'е' => 'E',
        'К' or 'к' => 'K',
        'М' or 'м' => 'M',
        'Н' or 'н' => 'H',
        'О' or 'о' => 'O',
        'Р' or 'р' => 'P',
        'С' or 'с' => 'C',
        'Т' or 'т' => 'T',
        'Х' or 'х' => 'X',
        _ => char.ToUpperInvariant(c),
    };
}
