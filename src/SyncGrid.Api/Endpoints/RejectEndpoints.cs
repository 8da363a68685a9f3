using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Api.Contracts;
using SyncGrid.Domain.Records;

namespace SyncGrid.Api.Endpoints;

/// <summary>The rejects store, filtered and paged.</summary>
internal static class RejectEndpoints
{
    public static async Task<Results<Ok<RejectPage>, ProblemHttpResult>> ListAsync(
        string? store, string? reason, string? sourceId, string? offset, string? limit, IRejectStore rejects, CancellationToken cancellationToken)
    {
        SourceStore? storeFilter = null;
        if (!string.IsNullOrEmpty(store))
        {
            if (!SourceStoreExtensions.TryParseStore(store, out var parsed))
            {
                return ApiProblems.InvalidParameter("store", $"'{store}' is not a source store; use store-a, store-b or retailcrm.");
            }

            storeFilter = parsed;
        }

        if (!QueryText.TryParseInt(offset, 0, 0, int.MaxValue, out var skip, out var error))
        {
            return ApiProblems.InvalidParameter("offset", error!);
        }

        if (!QueryText.TryParseInt(limit, 100, 1, 1000, out var size, out error))
        {
            return ApiProblems.InvalidParameter("limit", error!);
        }

        var query = new RejectQuery(storeFilter, string.IsNullOrEmpty(reason) ? null : reason, string.IsNullOrEmpty(sourceId) ? null : sourceId, skip, size);
        var rows = await rejects.QueryAsync(query, cancellationToken);
        var byReason = await rejects.CountByReasonAsync(query, cancellationToken);
        var items = rows.Select(r => new RejectDto(
            r.Entry.Store.ToCode(), r.Entry.SourceId, r.Entry.SourcePosition, r.Entry.Field, r.Entry.RawValue, r.Entry.ReasonCode, r.Entry.Message, r.FirstSeen, r.LastSeen, r.Count)).ToList();
        return TypedResults.Ok(new RejectPage(items, new SortedDictionary<string, long>(byReason.ToDictionary(), StringComparer.Ordinal), items.Count == size ? skip + size : null));
    }
}
