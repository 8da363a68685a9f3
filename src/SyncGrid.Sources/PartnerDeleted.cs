namespace SyncGrid.Sources;

/// <summary>A store B partner was deleted. Only its id is meaningful; the event carries no TIN.</summary>
/// <param name="PartnerId">The SAP partner id.</param>
/// <param name="OccurredAt">When the deletion happened in the source.</param>
/// <param name="Position">Where the input came from.</param>
public sealed record PartnerDeleted(string PartnerId, DateTimeOffset OccurredAt, string Position) : SapEventResult(Position);
