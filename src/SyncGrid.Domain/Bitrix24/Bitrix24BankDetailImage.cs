namespace SyncGrid.Domain.Bitrix24;

/// <summary>One bank detail, keyed <c>BIK/account</c>.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Bitrix24BankDetailImage")]
public sealed record Bitrix24BankDetailImage(
    [property: Id(0)] string Key,
    [property: Id(1)] string Bik,
    [property: Id(2)] string Account,
    [property: Id(3)] string? BankName);
