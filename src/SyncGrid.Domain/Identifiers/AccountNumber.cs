using System.Diagnostics.CodeAnalysis;

namespace SyncGrid.Domain.Identifiers;

/// <summary>
/// A 20-digit Russian bank account number. Its control key (digit 9) can only be checked together with the
/// BIK of the bank that keeps it: see <see cref="HasValidControlKey"/>. <c>default(AccountNumber)</c> is not valid.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.AccountNumber")]
public readonly record struct AccountNumber
{
    private static readonly string[] Prefixes = ["р/сч", "р/с", "р.с.", "р/счет", "р/счёт", "счет", "счёт", "account", "acc"];

    private AccountNumber(string value) => Value = value;

    /// <summary>The 20 digits.</summary>
    [Id(0)]
    public string Value { get; }

    /// <summary>Parses a 20-digit account number from free text.</summary>
    public static ParseResult<AccountNumber> Parse(string? text)
    {
        const string field = "account";
        switch (DigitText.Extract(text, Prefixes, out var digits))
        {
            case DigitText.Outcome.Missing:
                return new Problem("account.missing", field, text, "The account number is missing.");
            case DigitText.Outcome.Malformed:
                return new Problem("account.format", field, text, "The account number holds characters other than digits, spaces, dashes and dots.");
        }

        if (digits.Length != 20)
        {
            return new Problem("account.length", field, text, $"An account number has 20 digits; this one has {digits.Length}.");
        }

        if (DigitText.AllZeros(digits))
        {
            return new Problem("account.zero", field, text, "An account number of all zeros is a placeholder.");
        }

        return new AccountNumber(digits);
    }

    /// <summary>Parses free text; returns <see langword="false"/> for anything that is not a 20-digit account number.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out AccountNumber account)
    {
        var result = Parse(text);
        account = result.GetValueOrDefault();
        return result.Success;
    }

    /// <summary>
    /// The Bank of Russia control key of a settlement account kept at a credit institution: the last three digits of
    /// the BIK followed by the 20 account digits, weighted 7-1-3 repeating; the sum of the last digits of the products
    /// must end in 0.
    /// </summary>
    public bool HasValidControlKey(Bik bik)
    {
        if (Value is null || bik.Value is null)
        {
            return false;
        }

        ReadOnlySpan<int> weights = [7, 1, 3];
        var bikTail = bik.Value.AsSpan(6, 3);
        var sum = 0;
        for (var i = 0; i < 23; i++)
        {
            var digit = i < 3 ? bikTail[i] - '0' : Value[i - 3] - '0';
            sum += digit * weights[i % 3] % 10;
        }

        return sum % 10 == 0;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
