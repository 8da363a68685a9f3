using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Api.Contracts;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Records;

namespace SyncGrid.Api.Endpoints;

/// <summary>Per-company state, listing and counts, and the re-sync request.</summary>
internal static class CompanyEndpoints
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static async Task<Results<Ok<CompanyStateResponse>, ProblemHttpResult>> GetAsync(string tin, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var company = await FindAsync(tin, grains, cancellationToken);
        if (!company.Found)
        {
            return company.Problem;
        }

        var snapshot = company.Snapshot;
        var contacts = await Task.WhenAll(snapshot.Contacts.Take(CompanyStateResponse.ContactLimit)
            .Select(key => grains.GetGrain<IContactGrain>(key.Value).GetSnapshotAsync(cancellationToken)));
        return TypedResults.Ok(ToResponse(snapshot, contacts));
    }

    /// <summary>
    /// The company of a TIN from the path, with its state: or the problem to answer instead — 400 when the TIN is not
    /// valid (saying why), 404 when no source record of it has reached SyncGrid.
    /// </summary>
    public static async Task<CompanyLookup> FindAsync(string tin, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var parsed = Tin.Parse(tin);
        if (!parsed.Success)
        {
            return new CompanyLookup(null, null, ApiProblems.InvalidTin(parsed.Problem));
        }

        var company = grains.GetGrain<ICompanyGrain>(parsed.Value.Value);
        var snapshot = await company.GetSyncStateAsync(cancellationToken);
        return snapshot.Exists ? new CompanyLookup(company, snapshot, null) : new CompanyLookup(null, null, ApiProblems.UnknownCompany(parsed.Value.Value));
    }

    public static async Task<Results<Ok<CompanyPage>, ProblemHttpResult>> ListAsync(string? status, string? after, string? limit, IReadModelQueries readModel, CancellationToken cancellationToken)
    {
        CompanySyncStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!QueryText.TryParseStatus(status, out var parsed))
            {
                return ApiProblems.InvalidParameter("status", $"'{status}' is not a status; use one of {QueryText.StatusNames}.");
            }

            filter = parsed;
        }

        if (!QueryText.TryParseInt(limit, DefaultPageSize, 1, MaxPageSize, out var size, out var error))
        {
            return ApiProblems.InvalidParameter("limit", error!);
        }

        var rows = await readModel.ListCompaniesAsync(filter, string.IsNullOrEmpty(after) ? null : after, size, cancellationToken);
        var items = rows.Select(r => new CompanyRowDto(r.Tin, r.Name, r.Status, r.StatusReason, r.Bitrix24CompanyId, r.Sources, r.LastError, r.UpdatedAt)).ToList();
        return TypedResults.Ok(new CompanyPage(items, items.Count == size ? items[^1].Tin : null));
    }

    public static async Task<Ok<CompanyCounts>> CountAsync(IReadModelQueries readModel, CancellationToken cancellationToken)
    {
        var counts = await readModel.CountCompaniesByStatusAsync(cancellationToken);
        var contacts = await readModel.CountContactsAsync(cancellationToken);
        var all = Enum.GetValues<CompanySyncStatus>().ToDictionary(s => s, s => counts.GetValueOrDefault(s));
        return TypedResults.Ok(new CompanyCounts(all.Values.Sum(), all, contacts));
    }

    public static async Task<Results<Accepted<ResyncResponse>, ProblemHttpResult>> ResyncAsync(string tin, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var company = await FindAsync(tin, grains, cancellationToken);
        if (!company.Found)
        {
            return company.Problem;
        }

        var result = await company.Grain.ResyncAsync(cancellationToken);
        if (!result.Accepted)
        {
            return ApiProblems.Conflict(result.Message, "company.resync-impossible");
        }

        var known = company.Snapshot.Tin.Value;
        return TypedResults.Accepted($"/api/v1/companies/{known}", new ResyncResponse(known, result.Status, result.Message));
    }

    private static CompanyStateResponse ToResponse(CompanySyncSnapshot s, ContactSnapshot[] contacts)
    {
        RegisterVerdictDto? register = s.Verdict is { } v
            ? new RegisterVerdictDto(Kebab(v.Status.ToString()), v.ObtainedAt, v.FullName, v.ShortName, v.Kpp, v.Ogrn, Kebab(v.Type.ToString()))
            : s.RegisterNotFoundAt is { } at ? new RegisterVerdictDto("not-found", at, null, null, null, null, null) : null;
        return new CompanyStateResponse(
            s.Tin.Value,
            s.Status,
            s.StatusReason,
            s.Merged?.Name?.Value.Display,
            register,
            new Bitrix24StateDto(s.Bitrix24CompanyId, s.Bitrix24Entities, s.LastError, s.NextAttemptAt, s.Bitrix24AddOutcomeUnknown),
            s.Merged?.Provenance().Select(f => new FieldDto(f.Field, f.Value, Source(f.Source))).ToList() ?? [],
            s.Sources.Select(Source).ToList(),
            contacts.Select(c => new ContactDto(c.Key.Value, c.Merged?.Name.FullName is { Length: > 0 } name ? name : null, c.Bitrix24ContactId, c.LastError)).ToList(),
            s.Contacts.Count,
            s.History.Select(h => new StatusChangeDto(h.Status, h.Reason, h.At)).ToList(),
            s.Version);
    }

    internal static SourceDto Source(SourceRef source) => new(source.Store.ToCode(), source.Id, source.ChangedAt);

    private static string Kebab(string name) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}

/// <summary>A company found by the TIN in a request's path, or the problem to answer instead.</summary>
/// <param name="Grain">The company's grain, when found.</param>
/// <param name="Snapshot">Its state, when found.</param>
/// <param name="Problem">400 or 404, when not found.</param>
internal sealed record CompanyLookup(ICompanyGrain? Grain, CompanySyncSnapshot? Snapshot, ProblemHttpResult? Problem)
{
    /// <summary>Whether the company exists (and <see cref="Grain"/> and <see cref="Snapshot"/> are set).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Grain), nameof(Snapshot))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Problem))]
    public bool Found => Problem is null;
}
