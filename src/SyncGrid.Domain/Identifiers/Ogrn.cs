using System.Diagnostics.CodeAnalysis;

namespace SyncGrid.Domain.Identifiers;

/// <summary>
/// A checksum-valid primary state registration number: OGRN (13 digits, legal entities) or OGRNIP
/// (15 digits, individual entrepreneurs). <c>default(Ogrn)</c> is not valid.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Ogrn")]
public readonly record struct Ogrn
{
    private static readonly string[] Prefixes = ["ОГРНИП", "ОГРН", "OGRNIP", "OGRN"];

    private Ogrn(string value) => Value = value;

    /// <summary>The 13 or 15 digits.</summary>
    [Id(0)]
    public string Value { get; }

    /// <summary>OGRN or OGRNIP, told by the length.</summary>
    public OgrnKind Kind => Value.Length == 13 ? OgrnKind.Ogrn : OgrnKind.Ogrnip;

    /// <summary>Parses an OGRN (13 digits) or OGRNIP (15 digits) from free text.</summary>
    public static ParseResult<Ogrn> Parse(string? text)
    {
        const string field = "ogrn";
        switch (DigitText.Extract(text, Prefixes, out var digits))
        {
            case DigitText.Outcome.Missing:
                return new Problem("ogrn.missing", field, text, "The OGRN is missing.");
            case DigitText.Outcome.Malformed:
                return new Problem("ogrn.format", field, text, "The OGRN holds characters other than digits, spaces, dashes and dots.");
        }

        if (digits.Length is not (13 or 15))
        {
            return new Problem("ogrn.length", field, text, $"An OGRN has 13 digits and an OGRNIP 15; this one has {digits.Length}.");
        }

        if (DigitText.AllZeros(digits))
        {
            return new Problem("ogrn.zero", field, text, "An OGRN of all zeros is a placeholder.");
        }

        if (!HasValidChecksum(digits))
        {
            return new Problem("ogrn.checksum", field, text, $"The {(digits.Length == 13 ? "OGRN" : "OGRNIP")} {digits} fails its check digit.");
        }

        return new Ogrn(digits);
    }

    /// <summary>Parses free text; returns <see langword="false"/> for anything that is not a valid OGRN or OGRNIP.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Ogrn ogrn)
    {
        var result = Parse(text);
        ogrn = result.GetValueOrDefault();
        return result.Success;
    }

    /// <summary>
    /// OGRN: the first 12 digits as a number, mod 11, mod 10, is digit 13.
    /// OGRNIP: the first 14 digits as a number, mod 13, mod 10, is digit 15.
    /// </summary>
    public static bool HasValidChecksum(ReadOnlySpan<char> digits)
    {
        if (digits.Length is not (13 or 15) || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var body = long.Parse(digits[..^1], System.Globalization.CultureInfo.InvariantCulture);
        var modulus = digits.Length == 13 ? 11 : 13;
        return body % modulus % 10 == digits[^1] - '0';
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
