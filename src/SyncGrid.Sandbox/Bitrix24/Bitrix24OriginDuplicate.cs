namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>Several entities of one type carrying the same (ORIGINATOR_ID, ORIGIN_ID): what a lost answer plus a blind retry leaves behind.</summary>
public sealed record Bitrix24OriginDuplicate(string Entity, string OriginatorId, string OriginId, IReadOnlyList<int> Ids);
