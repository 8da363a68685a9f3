namespace SyncGrid.Sandbox.Register;

/// <summary>What a <see cref="RegisterSandbox"/> has served so far.</summary>
/// <param name="Requests">Every request that reached the endpoint.</param>
/// <param name="ByStatus">Requests by the HTTP status they were answered with.</param>
/// <param name="Found">Answers with at least one company.</param>
/// <param name="NotFound">Answers with an empty <c>suggestions</c>.</param>
/// <param name="QuotaUsed">Answers counted against today's quota.</param>
/// <param name="DailyQuota">The daily quota.</param>
public sealed record RegisterSandboxStats(long Requests, IReadOnlyDictionary<int, long> ByStatus, long Found, long NotFound, long QuotaUsed, long DailyQuota)
{
    /// <summary>Requests answered with <paramref name="status"/>.</summary>
    public long Count(int status) => ByStatus.TryGetValue(status, out var count) ? count : 0;
}
