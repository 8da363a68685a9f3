using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains;

/// <summary>What a contact grain knows of its Bitrix24 contact, and the Bitrix24 ids of its synced companies.</summary>
[GenerateSerializer, Alias("SyncGrid.Grains.ContactBitrix24State")]
public sealed class ContactBitrix24State
{
    [Id(0)]
    public long? ContactId { get; set; }

    /// <summary>Bitrix24 company ids by TIN, as the companies reported them once synced.</summary>
    [Id(1)]
    public Dictionary<string, long> CompanyIds { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public Bitrix24ContactImage? Synced { get; set; }

    /// <summary>An add was sent and its answer lost: look up before adding again.</summary>
    [Id(3)]
    public bool AddOutcomeUnknown { get; set; }

    [Id(4)]
    public int Attempts { get; set; }

    [Id(5)]
    public string? LastError { get; set; }

    [Id(6)]
    public DateTimeOffset? NextAttemptAt { get; set; }
}
