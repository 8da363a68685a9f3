using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Api.Contracts;

namespace SyncGrid.Api.Endpoints;

/// <summary>The Bitrix24 dry run: for one company, or walking companies from the read model.</summary>
internal static class PlanEndpoints
{
    public const string Basis =
        "Planned from grain state: what SyncGrid last wrote to Bitrix24 (the ids it keeps and the fingerprint of the image it wrote) " +
        "compared with what the merged sources and register verdicts say now. The portal is not read, so edits made in Bitrix24 by hand " +
        "are not seen here; the real push reads each company first and sends only the difference. Nothing was sent.";

    private const int PageSize = 500;
    private const int Concurrency = 16;

    public static async Task<Results<Ok<CompanyPlanResponse>, ProblemHttpResult>> CompanyAsync(string tin, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var company = await CompanyEndpoints.FindAsync(tin, grains, cancellationToken);
        if (!company.Found)
        {
            return company.Problem;
        }

        var plan = await company.Grain.PlanBitrix24Async(cancellationToken);
        return TypedResults.Ok(new CompanyPlanResponse(plan.Tin.Value, plan.Status, plan.Outcome, plan.Reason,
            plan.Commands.Select(c => new PlannedCommandDto(plan.Tin.Value, c.Method, c.Entity, c.Summary)).ToList(), plan.ContactsNotPlanned));
    }

    public static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> WalkAsync(
        string? status, string? after, string? limit, string? sample, IReadModelQueries readModel, IGrainFactory grains, IOptions<SyncGridApiOptions> options, CancellationToken cancellationToken)
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

        var max = options.Value.MaxPlanCompanies;
        if (!QueryText.TryParseInt(limit, Math.Min(1000, max), 1, max, out var wanted, out var error))
        {
            return ApiProblems.InvalidParameter("limit", error!);
        }

        if (!QueryText.TryParseInt(sample, 20, 0, 1000, out var sampleSize, out error))
        {
            return ApiProblems.InvalidParameter("sample", error!);
        }

        var tally = new Tally(sampleSize);
        var cursor = string.IsNullOrEmpty(after) ? null : after;
        var more = true;
        while (tally.Scanned < wanted && more)
        {
            var size = Math.Min(PageSize, wanted - tally.Scanned);
            var rows = await readModel.ListCompaniesAsync(filter, cursor, size, cancellationToken);
            foreach (var chunk in rows.Chunk(Concurrency))
            {
                var plans = await Task.WhenAll(chunk.Select(r => grains.GetGrain<ICompanyGrain>(r.Tin).PlanBitrix24Async(cancellationToken)));
                foreach (var plan in plans)
                {
                    tally.Add(plan);
                }
            }

            more = rows.Count == size;
            cursor = rows.Count > 0 ? rows[^1].Tin : cursor;
        }

        return TypedResults.Ok(tally.Response(more ? cursor : null));
    }

    private sealed class Tally(int sampleSize)
    {
        private readonly Dictionary<string, long> _byMethod = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _blocked = new(StringComparer.Ordinal);
        private readonly HashSet<(string Method, string Entity)> _seen = [];
        private readonly List<PlannedCommandDto> _sample = [];
        private int _writes;
        private int _upToDate;
        private int _blockedCompanies;
        private long _commands;

        public int Scanned { get; private set; }

        public void Add(CompanyBitrix24Plan plan)
        {
            Scanned++;
            switch (plan.Outcome)
            {
                case CompanyPlanOutcome.Blocked:
                    _blockedCompanies++;
                    var reason = plan.Reason ?? "unknown";
                    _blocked[reason] = _blocked.GetValueOrDefault(reason) + 1;
                    return;
                case CompanyPlanOutcome.UpToDate:
                    _upToDate++;
                    return;
            }

            _writes++;
            foreach (var command in plan.Commands)
            {
                // A contact bound to several companies is planned by each of them, but written once.
                if (!_seen.Add((command.Method, command.Entity)))
                {
                    continue;
                }

                _commands++;
                _byMethod[command.Method] = _byMethod.GetValueOrDefault(command.Method) + 1;
                if (_sample.Count < sampleSize)
                {
                    _sample.Add(new PlannedCommandDto(plan.Tin.Value, command.Method, command.Entity, command.Summary));
                }
            }
        }

        public PlanResponse Response(string? next) => new(
            Scanned, _writes, _upToDate, _blockedCompanies, _commands,
            new SortedDictionary<string, long>(_byMethod, StringComparer.Ordinal),
            new SortedDictionary<string, long>(_blocked, StringComparer.Ordinal),
            _sample, next, Basis);
    }
}
