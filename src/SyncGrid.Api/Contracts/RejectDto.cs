namespace SyncGrid.Api.Contracts;

/// <summary>A stored reject: where the value came from, what it was, why it was refused, when and how often.</summary>
public sealed record RejectDto(string Store, string SourceId, string? SourcePosition, string Field, string? RawValue, string ReasonCode, string Message, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Count);
