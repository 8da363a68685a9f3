using SyncGrid.Domain.Records;

namespace SyncGrid.Grains;

/// <summary>The persisted state of a contact grain: the latest version of each of the person's source records.</summary>
[GenerateSerializer, Alias("SyncGrid.Grains.ContactState")]
public sealed class ContactState
{
    [Id(0)]
    public Dictionary<SourceKey, StoredContactRecord> Records { get; set; } = [];

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
