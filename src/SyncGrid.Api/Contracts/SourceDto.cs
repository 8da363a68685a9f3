namespace SyncGrid.Api.Contracts;

/// <summary>A source record version: the store (<c>store-a</c>, <c>store-b</c>, <c>retailcrm</c>), its id there and when the source changed it.</summary>
public sealed record SourceDto(string Store, string Id, DateTimeOffset ChangedAt);
