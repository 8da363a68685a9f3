using SyncGrid.Domain.Records;

namespace SyncGrid.Domain.Normalization;

/// <summary>
/// A company as a source gives it, before any cleaning: what the store A row and the store B partner both map to.
/// Strings are decoded text (store A's latin1 columns already through <see cref="Text.SourceText"/>).
/// </summary>
public sealed record RawCompany
{
    public required SourceRef Source { get; init; }

    public string? Inn { get; init; }

    public string? Name { get; init; }

    public string? Kpp { get; init; }

    public string? Ogrn { get; init; }

    public string? LegalAddress { get; init; }

    /// <summary>Store B's <c>category</c> (<c>ORGANIZATION</c> or <c>PERSON</c>); store A has none.</summary>
    public string? Category { get; init; }

    /// <summary>Raw phone values; one value may hold several numbers.</summary>
    public IReadOnlyList<string?> Phones { get; init; } = [];

    /// <summary>Raw e-mail values; one value may hold several addresses.</summary>
    public IReadOnlyList<string?> Emails { get; init; } = [];

    public IReadOnlyList<RawBankAccount> BankAccounts { get; init; } = [];

    public bool IsDeleted { get; init; }
}
