namespace SyncGrid.Api.Contracts;

/// <summary>One event of the order flows' event log.</summary>
public sealed record OrderEventDto(long Id, DateTimeOffset At, string Direction, string System, string Kind, long? OrderId, long? DealId, string? PayloadRef, string Result, string? Error, long DurationMs);
