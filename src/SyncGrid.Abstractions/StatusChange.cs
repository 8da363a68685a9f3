namespace SyncGrid.Abstractions;

/// <summary>One entry of a company's status history.</summary>
/// <param name="Status">The status entered.</param>
/// <param name="Reason">Why (a problem code or error message), if any.</param>
/// <param name="At">When.</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.StatusChange")]
public sealed record StatusChange([property: Id(0)] CompanySyncStatus Status, [property: Id(1)] string? Reason, [property: Id(2)] DateTimeOffset At);
