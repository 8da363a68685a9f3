using SyncGrid.Domain.RetailCrm;

namespace SyncGrid.Abstractions.Orders;

/// <summary>What the intake hands an order grain: the order re-read after a history batch (or its deletion).</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderChange")]
public sealed record OrderChange
{
    /// <summary>The last history record of the order in the batch.</summary>
    [Id(0)]
    public required long HistoryId { get; init; }

    /// <summary>The order as re-read; <see langword="null"/> when it was deleted.</summary>
    [Id(1)]
    public RetailCrmOrder? Order { get; init; }

    /// <summary>The fields the batch's records changed (for the event log).</summary>
    [Id(2)]
    public Domain.ValueList<string> Fields { get; init; }

    /// <summary>The history batch the change came from, e.g. <c>retailcrm:history:101-200</c>.</summary>
    [Id(3)]
    public string? PayloadRef { get; init; }
}

/// <summary>What an order grain did with a change.</summary>
[GenerateSerializer, Alias("SyncGrid.OrderApplyResult")]
public enum OrderApplyResult
{
    /// <summary>The change is stored; the deal will be brought up to date.</summary>
    Applied = 0,

    /// <summary>The change was at or before the last one applied (a resend): nothing changed.</summary>
    AlreadyApplied = 1,
}

/// <summary>A deal as seen in Bitrix24.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.DealObservation")]
public sealed record DealObservation
{
    [Id(0)]
    public required long DealId { get; init; }

    [Id(1)]
    public required string StageId { get; init; }

    [Id(2)]
    public string? Comments { get; init; }

    [Id(3)]
    public int CategoryId { get; init; }

    /// <summary><c>DATE_MODIFY</c> of the deal.</summary>
    [Id(4)]
    public DateTimeOffset? ModifiedAt { get; init; }

    /// <summary>How it was seen: <c>event</c> or <c>poll</c>.</summary>
    [Id(5)]
    public string Via { get; init; } = "event";
}
