namespace SyncGrid.Api.Contracts;

/// <summary>One Bitrix24 write a sync would make, with the company it belongs to.</summary>
public sealed record PlannedCommandDto(string Tin, string Method, string Entity, string Summary);
