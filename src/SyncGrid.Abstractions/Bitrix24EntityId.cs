namespace SyncGrid.Abstractions;

/// <summary>One Bitrix24 entity a company grain wrote or adopted, besides the company itself.</summary>
/// <param name="Kind"><c>requisite</c> or <c>bankdetail</c>.</param>
/// <param name="Key">Its key within the company: the KPP (empty when none) or <c>BIK/account</c>.</param>
/// <param name="Id">Its Bitrix24 id.</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.Bitrix24EntityId")]
public sealed record Bitrix24EntityId([property: Id(0)] string Kind, [property: Id(1)] string Key, [property: Id(2)] long Id);
