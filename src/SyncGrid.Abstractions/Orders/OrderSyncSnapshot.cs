namespace SyncGrid.Abstractions.Orders;

/// <summary>An order's sync state, as the API and CLI show it.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderSyncSnapshot")]
public sealed record OrderSyncSnapshot
{
    [Id(0)]
    public required long OrderId { get; init; }

    /// <summary>Whether the intake ever handed this order over.</summary>
    [Id(1)]
    public bool Exists { get; init; }

    [Id(2)]
    public string? Number { get; init; }

    [Id(3)]
    public string? ExternalId { get; init; }

    [Id(4)]
    public string? Site { get; init; }

    [Id(5)]
    public string? Status { get; init; }

    /// <summary><c>pending</c>, <c>synced</c>, <c>failed</c> (retrying) or <c>deleted</c>.</summary>
    [Id(6)]
    public string State { get; init; } = "pending";

    [Id(7)]
    public long? DealId { get; init; }

    [Id(8)]
    public int? CategoryId { get; init; }

    /// <summary>The deal stage as SyncGrid last knew it.</summary>
    [Id(9)]
    public string? StageId { get; init; }

    [Id(10)]
    public long? ContactId { get; init; }

    [Id(11)]
    public string? ContactKey { get; init; }

    [Id(12)]
    public long? CompanyId { get; init; }

    /// <summary>The last history id applied.</summary>
    [Id(13)]
    public long LastHistoryId { get; init; }

    [Id(14)]
    public DateTimeOffset? LastSyncedAt { get; init; }

    [Id(15)]
    public string? LastError { get; init; }

    [Id(16)]
    public int Attempts { get; init; }

    [Id(17)]
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The open incident's id, if any.</summary>
    [Id(18)]
    public string? OpenIncident { get; init; }

    /// <summary>Ids of the Bitrix24 tasks created for the order (returns, cancellations).</summary>
    [Id(19)]
    public Domain.ValueList<long> Tasks { get; init; }

    /// <summary>A status or comment from Bitrix24 not yet written to RetailCRM.</summary>
    [Id(20)]
    public string? PendingStatus { get; init; }
}
