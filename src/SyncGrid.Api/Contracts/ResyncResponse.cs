using SyncGrid.Abstractions;

namespace SyncGrid.Api.Contracts;

/// <summary>The answer to <c>POST /api/v1/companies/{tin}/resync</c>: the company was queued; the work runs after the answer.</summary>
public sealed record ResyncResponse(string Tin, CompanySyncStatus Status, string Message);
