using SyncGrid.Domain.RetailCrm;

namespace SyncGrid.Grains.Orders;

/// <summary>The persisted state of an order grain.</summary>
[GenerateSerializer, Alias("SyncGrid.Grains.Orders.OrderState")]
public sealed class OrderState
{
    /// <summary>The order as last read from RetailCRM (or as the last own edit returned it).</summary>
    [Id(0)]
    public RetailCrmOrder? Order { get; set; }

    /// <summary>The last history id applied: an older or equal change is a resend.</summary>
    [Id(1)]
    public long LastHistoryId { get; set; }

    [Id(2)]
    public bool Deleted { get; set; }

    [Id(3)]
    public long? DealId { get; set; }

    /// <summary>A <c>crm.deal.add</c> was sent and its answer lost: look the deal up by ORIGIN_ID before adding again.</summary>
    [Id(4)]
    public bool DealAddUnknown { get; set; }

    /// <summary>The deal fields as last written (or adopted).</summary>
    [Id(5)]
    public Dictionary<string, string> Written { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The order status the deal's stage last followed (written by SyncGrid, or set in Bitrix24 and pushed back).</summary>
    [Id(6)]
    public string? StatusAtStageSync { get; set; }

    /// <summary>The manager comment the deal's comment last matched.</summary>
    [Id(7)]
    public string? CommentAtSync { get; set; }

    /// <summary>The deal's stage as last known (written or observed): an observation equal to it is no change.</summary>
    [Id(8)]
    public string? KnownStage { get; set; }

    /// <summary>The deal's comment as last known.</summary>
    [Id(9)]
    public string? KnownComments { get; set; }

    [Id(10)]
    public int? CategoryId { get; set; }

    [Id(11)]
    public long? ContactId { get; set; }

    [Id(12)]
    public string? ContactKey { get; set; }

    [Id(13)]
    public long? CompanyId { get; set; }

    /// <summary>The tasks created, by the order status they were created for.</summary>
    [Id(14)]
    public List<OrderTaskState> Tasks { get; set; } = [];

    /// <summary>A status chosen in Bitrix24 (a stage change) not yet written to RetailCRM.</summary>
    [Id(15)]
    public string? PendingStatus { get; set; }

    /// <summary>A deal comment not yet written to the order's manager comment.</summary>
    [Id(16)]
    public string? PendingComment { get; set; }

    [Id(17)]
    public bool CommentPending { get; set; }

    [Id(18)]
    public IncidentState Incidents { get; set; } = new();

    [Id(19)]
    public int Attempts { get; set; }

    [Id(20)]
    public string? LastError { get; set; }

    [Id(21)]
    public DateTimeOffset? NextAttemptAt { get; set; }

    [Id(22)]
    public DateTimeOffset? LastSyncedAt { get; set; }

    /// <summary>Whether the deal (or the order, for a pending push) may not hold what it should.</summary>
    [Id(23)]
    public bool SyncDue { get; set; }

    [Id(24)]
    public string SyncState { get; set; } = "pending";
}

/// <summary>A task created for an order's cancellation or return.</summary>
[GenerateSerializer, Alias("SyncGrid.Grains.Orders.OrderTaskState")]
public sealed class OrderTaskState
{
    [Id(0)]
    public string Status { get; set; } = string.Empty;

    [Id(1)]
    public long? TaskId { get; set; }

    /// <summary>The add was sent and its answer lost: look it up by title and deal before adding again.</summary>
    [Id(2)]
    public bool AddUnknown { get; set; }

    [Id(3)]
    public string Title { get; set; } = string.Empty;
}
