using FsCheck;
using FsCheck.Fluent;

namespace SyncGrid.Domain.Tests;

/// <summary>Generators of valid identifiers, computed with a reference implementation written apart from the one under test.</summary>
internal static class Generators
{
    private static readonly int[] W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

    public static Gen<string> Digits(int count) => Gen.ArrayOf(Gen.Choose(0, 9), count).Select(d => string.Concat(d));

    public static Gen<string> ValidTin10() => Digits(9).Select(b => b + Check(b, W10)).Where(t => t != "0000000000");

    public static Gen<string> ValidTin12() => Digits(10).Select(b => b + Check(b, W11)).Select(b => b + Check(b, W12)).Where(t => t != "000000000000");

    public static Gen<string> ValidTin() => Gen.OneOf(ValidTin10(), ValidTin12());

    public static Gen<string> ValidOgrn() => Digits(12).Select(b => b + (long.Parse(b, System.Globalization.CultureInfo.InvariantCulture) % 11 % 10));

    public static Gen<string> ValidOgrnip() => Digits(14).Select(b => b + (long.Parse(b, System.Globalization.CultureInfo.InvariantCulture) % 13 % 10));

    /// <summary>The weighted-sum residue mod 11 that the check digit after the weighted digits is derived from.</summary>
    public static int Residue(string digits, int[] weights) => digits.Take(weights.Length).Select((c, i) => (c - '0') * weights[i]).Sum() % 11;

    public static int[] Weights10 => W10;

    public static int[] Weights11 => W11;

    public static int[] Weights12 => W12;

    public static IEnumerable<string> SingleDigitChanges(string digits)
    {
        for (var i = 0; i < digits.Length; i++)
        {
            for (var d = '0'; d <= '9'; d++)
            {
                if (d != digits[i])
                {
                    yield return string.Concat(digits.AsSpan(0, i), d.ToString(), digits.AsSpan(i + 1));
                }
            }
        }
    }

    private static int Check(string digits, int[] weights) => digits.Select((c, i) => (c - '0') * weights[i]).Sum() % 11 % 10;
}
