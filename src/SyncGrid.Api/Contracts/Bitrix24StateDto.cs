using SyncGrid.Abstractions;

namespace SyncGrid.Api.Contracts;

/// <summary>The company's entities in Bitrix24 and the state of its push.</summary>
/// <param name="CompanyId">The Bitrix24 company id, once created or adopted.</param>
/// <param name="Entities">Its requisites and bank details with their ids.</param>
/// <param name="LastError">Why the last push failed, while it is retried.</param>
/// <param name="NextAttemptAt">Not before this time is pending work tried again.</param>
/// <param name="AddOutcomeUnknown">An add's answer was lost: the next push looks up before adding.</param>
public sealed record Bitrix24StateDto(long? CompanyId, IReadOnlyList<Bitrix24EntityId> Entities, string? LastError, DateTimeOffset? NextAttemptAt, bool AddOutcomeUnknown);
