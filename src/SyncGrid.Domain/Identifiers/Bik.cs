using System.Diagnostics.CodeAnalysis;

namespace SyncGrid.Domain.Identifiers;

/// <summary>
/// A Russian bank identification code (BIK): 9 digits beginning with the country code <c>04</c>.
/// <c>default(Bik)</c> is not valid.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Bik")]
public readonly record struct Bik
{
    private static readonly string[] Prefixes = ["БИК", "BIK"];

    private Bik(string value) => Value = value;

    /// <summary>The 9 digits.</summary>
    [Id(0)]
    public string Value { get; }

    /// <summary>Parses a BIK from free text.</summary>
    public static ParseResult<Bik> Parse(string? text)
    {
        const string field = "bik";
        switch (DigitText.Extract(text, Prefixes, out var digits))
        {
            case DigitText.Outcome.Missing:
                return new Problem("bik.missing", field, text, "The BIK is missing.");
            case DigitText.Outcome.Malformed:
                return new Problem("bik.format", field, text, "The BIK holds characters other than digits, spaces, dashes and dots.");
        }

        if (digits.Length != 9)
        {
            return new Problem("bik.length", field, text, $"A BIK has 9 digits; this one has {digits.Length}.");
        }

        if (!digits.StartsWith("04", StringComparison.Ordinal))
        {
            return new Problem("bik.country", field, text, "A Russian BIK begins with 04.");
        }

        return new Bik(digits);
    }

    /// <summary>Parses free text; returns <see langword="false"/> for anything that is not a valid BIK.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Bik bik)
    {
        var result = Parse(text);
        bik = result.GetValueOrDefault();
        return result.Success;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
