namespace SyncGrid.Domain.Bitrix24;

/// <summary>One row of a Bitrix24 multi-field (PHONE, EMAIL) as stored: its row id, value and value type.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.MultiFieldValue")]
public sealed record MultiFieldValue([property: Id(0)] long? Id, [property: Id(1)] string Value, [property: Id(2)] string ValueType);
