namespace SyncGrid.Grains.Orders;

/// <summary>The persisted state of an order intake: the last processed history id and counters.</summary>
[GenerateSerializer, Alias("SyncGrid.Grains.Orders.OrderIntakeState")]
public sealed class OrderIntakeState
{
    [Id(0)]
    public long LastHistoryId { get; set; }

    [Id(1)]
    public long RecordsRead { get; set; }

    [Id(2)]
    public long OwnWritesSkipped { get; set; }

    [Id(3)]
    public long OrdersHandedOver { get; set; }

    [Id(4)]
    public long Batches { get; set; }

    [Id(5)]
    public DateTimeOffset? LastPollAt { get; set; }

    [Id(6)]
    public string? LastError { get; set; }

    [Id(7)]
    public IncidentState Incidents { get; set; } = new();

    /// <summary>Failed hand-overs per order id since its history was last read (poison isolation).</summary>
    [Id(8)]
    public Dictionary<long, int> HandOverFailures { get; set; } = [];
}
