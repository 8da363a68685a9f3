namespace SyncGrid.Sources;

/// <summary>
/// What one store B partner message or export entry turned into: <see cref="PartnerChanged"/>,
/// <see cref="PartnerDeleted"/> or <see cref="Rejected"/>.
/// </summary>
/// <param name="Position">Where the input came from (a Kafka offset, an export file index), as the caller gave it.</param>
public abstract record SapEventResult(string Position);
