namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>One entity holding the same phone or e-mail (compared as <c>findbycomm</c> does) in several rows.</summary>
public sealed record Bitrix24MultiFieldDuplicate(string Entity, int EntityId, string TypeId, string NormalizedValue, int Rows);
