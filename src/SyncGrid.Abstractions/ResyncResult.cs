namespace SyncGrid.Abstractions;

/// <summary>The answer to a re-sync request.</summary>
/// <param name="Accepted">Whether the company was queued for validation and a push; <see langword="false"/> when there is nothing it could do.</param>
/// <param name="Status">The company's status after the request.</param>
/// <param name="Message">What happens next, or why nothing can.</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.ResyncResult")]
public sealed record ResyncResult([property: Id(0)] bool Accepted, [property: Id(1)] CompanySyncStatus Status, [property: Id(2)] string Message);
