using SyncGrid.Abstractions;

namespace SyncGrid.Api.Contracts;

/// <summary>One company's dry run (<c>GET /api/v1/companies/{tin}/plan</c>).</summary>
/// <param name="Tin">The TIN.</param>
/// <param name="Status">The company's status.</param>
/// <param name="Outcome"><c>up-to-date</c>, <c>writes</c> or <c>blocked</c>.</param>
/// <param name="Reason">Why nothing is written, or what the writes wait for.</param>
/// <param name="Commands">The writes, in the order they would be made.</param>
/// <param name="ContactsNotPlanned">Contacts left out (a plan asks at most 200 per company).</param>
public sealed record CompanyPlanResponse(string Tin, CompanySyncStatus Status, CompanyPlanOutcome Outcome, string? Reason, IReadOnlyList<PlannedCommandDto> Commands, int ContactsNotPlanned);
