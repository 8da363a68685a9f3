namespace SyncGrid.Grains.Ingest;

/// <summary>What a partner's ingest remembers: the partner's last valid TIN, and since when.</summary>
[GenerateSerializer, Alias("SyncGrid.Grains.PartnerIngestState")]
public sealed class PartnerIngestState
{
    [Id(0)]
    public string? LastTin { get; set; }

    /// <summary>
    /// The source time of the picture that set <see cref="LastTin"/> (or of a later deletion): an older picture under
    /// another TIN does not move the partner. <see langword="null"/> in state written before it existed.
    /// </summary>
    [Id(1)]
    public DateTimeOffset? LastTinSince { get; set; }
}
