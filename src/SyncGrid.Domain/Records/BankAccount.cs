using SyncGrid.Domain.Identifiers;

namespace SyncGrid.Domain.Records;

/// <summary>A settlement account: the bank's BIK, the account number (control key checked against the BIK) and the bank's name.</summary>
public sealed record BankAccount(Bik Bik, AccountNumber Account, string? BankName)
{
    /// <summary>Identity of an account for merging: BIK and number; the bank's name is an attribute.</summary>
    public (string Bik, string Account) Key => (Bik.Value, Account.Value);
}
