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
        var parsed = Tin.Parse(tin);
        if (!parsed.Success)
        {
            return ApiProblems.InvalidTin(parsed.Problem);
        }

        var snapshot = await grains.GetGrain<ICompanyGrain>(parsed.Value.Value).GetSyncStateAsync(cancellationToken);
        if (!snapshot.Exists)
        {
            return ApiProblems.UnknownCompany(parsed.Value.Value);
        }

        var contacts = await Task.WhenAll(snapshot.Contacts.Take(CompanyStateResponse.ContactLimit)
            .Select(key => grains.GetGrain<IContactGrain>(key.Value).GetSnapshotAsync(cancellationToken)));
        return TypedResults.Ok(ToResponse(snapshot, contacts));
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
        var parsed = Tin.Parse(tin);
        if (!parsed.Success)
        {
            return ApiProblems.InvalidTin(parsed.Problem);
        }

        var company = grains.GetGrain<ICompanyGrain>(parsed.Value.Value);
        if (!(await company.GetSyncStateAsync(cancellationToken)).Exists)
        {
            return ApiProblems.UnknownCompany(parsed.Value.Value);
        }

        var result = await company.ResyncAsync(cancellationToken);
        if (!result.Accepted)
        {
            return ApiProblems.Conflict(result.Message, "company.resync-impossible");
        }

        return TypedResults.Accepted($"/api/v1/companies/{parsed.Value.Value}", new ResyncResponse(parsed.Value.Value, result.Status, result.Message));
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
