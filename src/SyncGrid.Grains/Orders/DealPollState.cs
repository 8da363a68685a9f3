namespace SyncGrid.Grains.Orders;

/// <summary>The polling fallback's watermark: the latest <c>DATE_MODIFY</c> seen, as the portal writes it.</summary>
[GenerateSerializer, Alias("SyncGrid.Grains.Orders.DealPollState")]
public sealed class DealPollState
{
    [Id(0)]
    public DateTimeOffset? Watermark { get; set; }

    [Id(1)]
    public long Polls { get; set; }

    [Id(2)]
    public long DealsSeen { get; set; }
}
