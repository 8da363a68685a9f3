namespace SyncGrid.Domain.Normalization;

/// <summary>A bank account as a source gives it.</summary>
public sealed record RawBankAccount(string? Bik, string? Account, string? BankName);
