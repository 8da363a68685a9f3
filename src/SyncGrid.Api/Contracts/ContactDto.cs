namespace SyncGrid.Api.Contracts;

/// <summary>A contact of the company.</summary>
/// <param name="Key">The contact key (<c>email:…</c>, <c>mobile:…</c>, <c>name:…</c>).</param>
/// <param name="Name">The merged full name, if any.</param>
/// <param name="Bitrix24ContactId">The Bitrix24 contact id, once pushed.</param>
/// <param name="LastError">Why its last push failed, while it is retried.</param>
public sealed record ContactDto(string Key, string? Name, long? Bitrix24ContactId, string? LastError);
