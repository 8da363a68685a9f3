namespace SyncGrid.Api.Contracts;

/// <summary>The dry run over many companies (<c>GET /api/v1/plan</c>): the Bitrix24 writes a sync would make now. Nothing is sent.</summary>
/// <param name="CompaniesScanned">Companies planned (read-model order, by TIN).</param>
/// <param name="CompaniesWithWrites">Companies (with their contacts) that need at least one write.</param>
/// <param name="CompaniesUpToDate">Companies that need none.</param>
/// <param name="CompaniesBlocked">Companies that will not be written (rejected, inactive, withdrawn).</param>
/// <param name="Commands">All planned writes.</param>
/// <param name="CommandsByMethod">Planned writes per REST method (a contact shared by companies counted once).</param>
/// <param name="BlockedByReason">Blocked companies per reason.</param>
/// <param name="Sample">The first planned writes, up to the requested sample size.</param>
/// <param name="Next">The <c>after</c> value to continue the walk; <see langword="null"/> when every company was planned.</param>
/// <param name="Basis">What the plan is computed from, and what it cannot see.</param>
public sealed record PlanResponse(
    int CompaniesScanned,
    int CompaniesWithWrites,
    int CompaniesUpToDate,
    int CompaniesBlocked,
    long Commands,
    IReadOnlyDictionary<string, long> CommandsByMethod,
    IReadOnlyDictionary<string, long> BlockedByReason,
    IReadOnlyList<PlannedCommandDto> Sample,
    string? Next,
    string Basis);
