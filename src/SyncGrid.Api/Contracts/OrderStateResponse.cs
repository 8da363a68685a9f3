namespace SyncGrid.Api.Contracts;

/// <summary>
/// An order's sync state (<c>GET /api/v1/orders/{idOrNumber}</c>): the RetailCRM order (id, number, external id as a
/// reference, site, status), its deal, stage, contact and company in Bitrix24, where the intake stands for it, the last
/// error while retried, the open incident, the tasks created and a status chosen in Bitrix24 not yet written back.
/// </summary>
public sealed record OrderStateResponse(
    long OrderId,
    string? Number,
    string? ExternalId,
    string? Site,
    string? Status,
    string State,
    long? DealId,
    int? CategoryId,
    string? StageId,
    long? ContactId,
    long? CompanyId,
    long LastHistoryId,
    DateTimeOffset? LastSyncedAt,
    string? LastError,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? OpenIncident,
    IReadOnlyList<long> Tasks,
    string? PendingStatus);
