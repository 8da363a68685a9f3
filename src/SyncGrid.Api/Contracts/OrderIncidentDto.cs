namespace SyncGrid.Api.Contracts;

/// <summary>An incident of the order flows, with its history when asked for one incident.</summary>
public sealed record OrderIncidentDto(
    string Id,
    long? OrderId,
    string Scope,
    string Code,
    string Title,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    bool Alerted,
    int Failures,
    string? LastError,
    IReadOnlyList<OrderIncidentEntryDto>? History);

/// <summary>One line of an incident's history.</summary>
public sealed record OrderIncidentEntryDto(DateTimeOffset At, string What, string? Detail);
