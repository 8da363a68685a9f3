namespace SyncGrid.Grains.Ingest;

/// <summary>What a partner's ingest remembers: the partner's last valid TIN.</summary>
[GenerateSerializer, Alias("SyncGrid.Grains.PartnerIngestState")]
public sealed class PartnerIngestState
{
    [Id(0)]
    public string? LastTin { get; set; }
}
