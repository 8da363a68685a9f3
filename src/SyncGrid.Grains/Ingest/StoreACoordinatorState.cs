namespace SyncGrid.Grains.Ingest;

/// <summary>What a store A coordinator persists: the progress of each table, by table name.</summary>
[GenerateSerializer, Alias("SyncGrid.Grains.StoreACoordinatorState")]
public sealed class StoreACoordinatorState
{
    [Id(0)]
    public Dictionary<string, StoreATableProgress> Tables { get; set; } = [];
}
