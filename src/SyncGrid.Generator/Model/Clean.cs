using System.Globalization;

namespace SyncGrid.Generator.Model;

/// <summary>A phone number as the cleaning rules must produce it: E.164, extension, mobile or fixed.</summary>
internal sealed record CleanPhone(string E164, string? Extension, bool Mobile)
{
    /// <summary>As the merged record shows it (<c>PhoneNumber.Display</c>).</summary>
    public string Display => Extension is null ? E164 : $"{E164} ext. {Extension}";

    /// <summary>The ten national digits.</summary>
    public string National => E164[2..];
}

/// <summary>A settlement account with a valid control key for its BIK.</summary>
internal sealed record CleanAccount(string Bik, string Account, string? BankName);

/// <summary>One problem the record normaliser must report for a rendering, as the rejects store keys it.</summary>
internal readonly record struct ExpectedProblem(string Code, string Field, string? Raw);

/// <summary>Arithmetic of the Russian identifiers, for generating valid (and deliberately invalid) ones.</summary>
internal static class Identifiers
{
    /// <summary>Appends the OGRN (13) or OGRNIP (15) check digit to a 12- or 14-digit body.</summary>
    public static string CompleteOgrn(string body)
    {
        var number = long.Parse(body, CultureInfo.InvariantCulture);
        var check = body.Length == 12 ? number % 11 % 10 : number % 13 % 10;
        return body + check.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Sets digit 9 of a 20-digit account so that its control key is valid for the BIK.</summary>
    public static string CompleteAccount(string bik, string account)
    {
        var digits = account.ToCharArray();
        for (var key = 0; key < 10; key++)
        {
            digits[8] = (char)('0' + key);
            if (ControlSum(bik, digits) % 10 == 0)
            {
                return new string(digits);
            }
        }

        throw new InvalidOperationException("No control key fits; the weights guarantee one.");
    }

    /// <summary>The same account with one digit changed where it always breaks the control key (weight 1).</summary>
    public static string BreakAccount(string account)
    {
        var digits = account.ToCharArray();
        digits[13] = (char)('0' + ((digits[13] - '0' + 1) % 10));
        return new string(digits);
    }

    /// <summary>The same OGRN with its check digit changed.</summary>
    public static string BreakOgrn(string ogrn) => ogrn[..^1] + (char)('0' + ((ogrn[^1] - '0' + 1) % 10));

    /// <summary>The same 10- or 12-digit TIN with its (last) check digit changed, which always fails the check.</summary>
    public static string BreakTin(string tin) => tin[..^1] + (char)('0' + ((tin[^1] - '0' + 1) % 10));

    private static int ControlSum(string bik, char[] account)
    {
        ReadOnlySpan<int> weights = [7, 1, 3];
        var sum = 0;
        for (var i = 0; i < 23; i++)
        {
            var d = i < 3 ? bik[6 + i] - '0' : account[i - 3] - '0';
            sum += d * weights[i % 3] % 10;
        }

        return sum;
    }
}
