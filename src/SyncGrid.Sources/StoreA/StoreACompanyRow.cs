namespace SyncGrid.Sources.StoreA;

/// <summary>A row of <c>companies</c>. Byte arrays are the latin1 columns' raw bytes.</summary>
public sealed record StoreACompanyRow : StoreARow
{
    /// <inheritdoc />
    public override StoreATable Table => StoreATable.Companies;

    public byte[]? Name { get; init; }

    public byte[]? Inn { get; init; }

    public string? Kpp { get; init; }

    public string? Ogrn { get; init; }

    public byte[]? LegalAddress { get; init; }

    public byte[]? Phone { get; init; }

    public string? Email { get; init; }

    public string? Bik { get; init; }

    public string? BankAccount { get; init; }

    public byte[]? BankName { get; init; }
}
