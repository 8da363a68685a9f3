using SyncGrid.Domain.Records;

namespace SyncGrid.Grains;

/// <summary>
/// A contact's version key: one source record under one company. A record that moves to another company is withdrawn
/// under the old one and lives under the new one, so neither version can shadow the other when their times tie.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Grains.ContactRecordKey")]
public readonly record struct ContactRecordKey([property: Id(0)] SourceKey Source, [property: Id(1)] SyncGrid.Domain.Identifiers.Tin Company);

/// <summary>The persisted state of a contact grain: the latest version of each of the person's source records.</summary>
[GenerateSerializer, Alias("SyncGrid.Grains.ContactState")]
public sealed class ContactState
{
    /// <summary>The latest version of each source record under each company it was filed for.</summary>
    [Id(0)]
    public Dictionary<ContactRecordKey, StoredContactRecord> Records { get; set; } = [];

    /// <summary>How many times this state was written; the read model's row version.</summary>
    [Id(1)]
    public long Version { get; set; }

    /// <summary>The contact's entity in Bitrix24.</summary>
    [Id(2)]
    public ContactBitrix24State Bitrix24 { get; set; } = new();

    /// <summary>The person's orders and their purchase history in Bitrix24.</summary>
    [Id(3)]
    public ContactOrdersState Orders { get; set; } = new();
}
