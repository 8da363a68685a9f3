using System.Diagnostics.CodeAnalysis;

namespace SyncGrid.Domain.Identifiers;

/// <summary>
/// A normalised, checksum-valid Russian taxpayer number (INN): 10 digits for organisations, 12 for individuals.
/// The company grain key is always <see cref="Value"/>. <c>default(Tin)</c> is not a valid TIN.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Tin")]
public readonly record struct Tin : IComparable<Tin>
{
    private static readonly string[] Prefixes = ["ИНН", "INN", "TIN"];
    private static readonly int[] Weights10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Weights11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Weights12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

    private Tin(string value) => Value = value;

    /// <summary>The 10 or 12 digits.</summary>
    [Id(0)]
    public string Value { get; }

    /// <summary>Organisation (10 digits) or individual (12 digits).</summary>
    public TinKind Kind => Value.Length == 10 ? TinKind.Organization : TinKind.Individual;

    /// <summary>Parses free text into a valid TIN or the reason it is not one.</summary>
    public static ParseResult<Tin> Parse(string? text)
    {
        const string field = "inn";
        switch (DigitText.Extract(text, Prefixes, out var digits))
        {
            case DigitText.Outcome.Missing:
                return new Problem("tin.missing", field, text, "The TIN is missing.");
            case DigitText.Outcome.Malformed:
                return new Problem("tin.format", field, text, "The TIN holds characters other than digits, spaces, dashes and dots.");
        }

        if (digits.Length is not (10 or 12))
        {
            return new Problem("tin.length", field, text, $"A TIN has 10 digits (organisation) or 12 (individual); this one has {digits.Length}.");
        }

        if (DigitText.AllZeros(digits))
        {
            return new Problem("tin.zero", field, text, "A TIN of all zeros is a placeholder, not a TIN.");
        }

        if (!HasValidChecksum(digits))
        {
            return new Problem("tin.checksum", field, text, $"The TIN {digits} fails its check digit.");
        }

        return new Tin(digits);
    }

    /// <summary>Parses free text; returns <see langword="false"/> for anything that is not a valid TIN.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Tin tin)
    {
        var result = Parse(text);
        tin = result.GetValueOrDefault();
        return result.Success;
    }

    /// <summary>
    /// Completes a TIN from its body by appending the check digit(s): 9 digits give an organisation's TIN, 10 digits an
    /// individual's. For generating sample data; a body that is not 9 or 10 digits, or all zeros, is refused.
    /// </summary>
    public static Tin FromBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length is not (9 or 10) || body.AsSpan().ContainsAnyExceptInRange('0', '9') || DigitText.AllZeros(body))
        {
            throw new ArgumentException($"A TIN body is 9 or 10 digits, not all zeros; got '{body}'.", nameof(body));
        }

        var digits = body.Length == 9
            ? body + (char)('0' + CheckDigit(body, Weights10))
            : body + (char)('0' + CheckDigit(body, Weights11));
        if (digits.Length == 11)
        {
            digits += (char)('0' + CheckDigit(digits, Weights12));
        }

        return new Tin(digits);
    }

    /// <summary>Checks the check digit(s) of 10 or 12 ASCII digits; any other input is <see langword="false"/>.</summary>
    public static bool HasValidChecksum(ReadOnlySpan<char> digits)
    {
        if (digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        return digits.Length switch
        {
            10 => CheckDigit(digits[..9], Weights10) == digits[9] - '0',
            12 => CheckDigit(digits[..10], Weights11) == digits[10] - '0'
                  && CheckDigit(digits[..11], Weights12) == digits[11] - '0',
            _ => false,
        };
    }

    /// <inheritdoc />
    public int CompareTo(Tin other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    public static bool operator <(Tin left, Tin right) => left.CompareTo(right) < 0;

    public static bool operator <=(Tin left, Tin right) => left.CompareTo(right) <= 0;

    public static bool operator >(Tin left, Tin right) => left.CompareTo(right) > 0;

    public static bool operator >=(Tin left, Tin right) => left.CompareTo(right) >= 0;

    internal static int CheckDigit(ReadOnlySpan<char> digits, ReadOnlySpan<int> weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        return sum % 11 % 10;
    }
}
