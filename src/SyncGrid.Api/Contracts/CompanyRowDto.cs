using SyncGrid.Abstractions;

namespace SyncGrid.Api.Contracts;

/// <summary>One company of a listing, from the read model.</summary>
public sealed record CompanyRowDto(string Tin, string? Name, CompanySyncStatus Status, string? StatusReason, long? Bitrix24CompanyId, int Sources, string? LastError, DateTimeOffset UpdatedAt);
