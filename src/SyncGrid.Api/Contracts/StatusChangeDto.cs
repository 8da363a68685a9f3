using SyncGrid.Abstractions;

namespace SyncGrid.Api.Contracts;

/// <summary>One entry of a company's status history.</summary>
public sealed record StatusChangeDto(CompanySyncStatus Status, string? Reason, DateTimeOffset At);
