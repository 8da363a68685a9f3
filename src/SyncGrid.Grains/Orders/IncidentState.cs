using SyncGrid.Abstractions.Orders;

namespace SyncGrid.Grains.Orders;

/// <summary>A grain's open incident and how many it ever opened (for stable ids).</summary>
[GenerateSerializer, Alias("SyncGrid.Grains.Orders.IncidentState")]
public sealed class IncidentState
{
    [Id(0)]
    public OrderIncident? Open { get; set; }

    [Id(1)]
    public int Count { get; set; }
}
