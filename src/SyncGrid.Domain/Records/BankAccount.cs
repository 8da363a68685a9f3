using SyncGrid.Domain.Identifiers;

namespace SyncGrid.Domain.Records;

/// <summary>A settlement account: the bank's BIK, the account number (control key checked against the BIK) and the bank's name.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.BankAccount")]
public sealed record BankAccount([property: Id(0)] Bik Bik, [property: Id(1)] AccountNumber Account, [property: Id(2)] string? BankName)
{
    /// <summary>Identity of an account for merging: BIK and number; the bank's name is an attribute.</summary>
    public (string Bik, string Account) Key => (Bik.Value, Account.Value);
}
