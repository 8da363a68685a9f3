namespace SyncGrid.Grains.Ingest;

/// <summary>
/// What a store A row's ingest remembers: where it last delivered the row (TIN, and a contact's key there) and the
/// change time of the last version it handled. A withdrawal targets exactly that version, and an older version that
/// arrives late (a redelivery) is ignored.
/// </summary>
[GenerateSerializer, Alias("SyncGrid.Grains.StoreARowIngestState")]
public sealed class StoreARowIngestState
{
    /// <summary>The TIN of the company the row's last version was delivered to; <see langword="null"/> when none.</summary>
    [Id(0)]
    public string? LastTin { get; set; }

    /// <summary>For a contact row, the contact key it was delivered under.</summary>
    [Id(1)]
    public string? LastKey { get; set; }

    /// <summary>The change time of the last version handled (delivered, withdrawn or rejected).</summary>
    [Id(2)]
    public DateTimeOffset? LastChangedAt { get; set; }
}
