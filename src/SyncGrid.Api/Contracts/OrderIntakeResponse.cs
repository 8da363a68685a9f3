namespace SyncGrid.Api.Contracts;

/// <summary>Where the order intake of a RetailCRM account stands (<c>GET /api/v1/orders/intake</c>), and the event-log counts.</summary>
public sealed record OrderIntakeResponse(
    string Account,
    long LastHistoryId,
    long RecordsRead,
    long OwnWritesSkipped,
    long OrdersHandedOver,
    long Batches,
    DateTimeOffset? LastPollAt,
    string? LastError,
    IReadOnlyDictionary<string, long> EventCounts);
