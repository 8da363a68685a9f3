using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Abstractions;

/// <summary>
/// The one gateway of a Bitrix24 portal for the whole cluster, keyed by portal name. Every writer goes through it:
/// it coalesces command groups from many grains into <c>batch</c> requests of at most 50 commands, paces requests to
/// the portal's leaky bucket so the portal never answers QUERY_LIMIT_EXCEEDED in steady state, holds back a method
/// blocked by its operating-time limit until the block ends, and never retries a write.
/// </summary>
[Alias("SyncGrid.Abstractions.IBitrix24GatewayGrain")]
public interface IBitrix24GatewayGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs a group of commands in one batch, in order (a command may reference an earlier one's result with
    /// <see cref="Bitrix24Ref"/>), and returns each command's result. A group waits in the queue as long as the
    /// portal's limits require.
    /// </summary>
    [Alias("Execute")]
    [ResponseTimeout("00:15:00")]
    Task<ValueList<Bitrix24Result>> ExecuteAsync(ValueList<Bitrix24Command> group, CancellationToken cancellationToken = default);

    /// <summary>Rate, queue depth and error counts.</summary>
    [Alias("GetStats")]
    Task<Bitrix24GatewayStats> GetStatsAsync(CancellationToken cancellationToken = default);
}
