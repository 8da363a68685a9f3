using SyncGrid.Sources.StoreA;

namespace SyncGrid.Grains.Ingest;

/// <summary>
/// One table's extraction: the watermark (the last row whose page was published and acknowledged), whether the full
/// extract has reached the end once, and counters (written with the watermark, so they may lag after a crash).
/// </summary>
[GenerateSerializer, Alias("SyncGrid.Grains.StoreATableProgress")]
public sealed class StoreATableProgress
{
    [Id(0)]
    public DateTime? WatermarkUpdatedAt { get; set; }

    [Id(1)]
    public long WatermarkId { get; set; }

    [Id(2)]
    public bool FullExtractDone { get; set; }

    [Id(3)]
    public long RowsRead { get; set; }

    [Id(4)]
    public long RowsPublished { get; set; }

    /// <summary>The watermark as a keyset position (<see cref="StoreAPosition.Start"/> before the first row).</summary>
    public StoreAPosition Watermark
    {
        get => WatermarkUpdatedAt is { } at ? new StoreAPosition(at, WatermarkId) : StoreAPosition.Start;
        set
        {
            WatermarkUpdatedAt = value.UpdatedAt;
            WatermarkId = value.Id;
        }
    }
}
