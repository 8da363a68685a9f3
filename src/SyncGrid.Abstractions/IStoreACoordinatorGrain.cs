using Orleans.Concurrency;

namespace SyncGrid.Abstractions;

/// <summary>
/// The extraction of one store A source, keyed by the source name (<c>store-a</c>): one activation cluster-wide, so
/// exactly one poller reads the replica. It owns the schedule (a reminder keeps it alive, a timer polls), the
/// persisted watermark of each table, the full extract and then the delta polls, and publishes every page before its
/// watermark moves.
/// </summary>
[Alias("SyncGrid.Abstractions.IStoreACoordinatorGrain")]
public interface IStoreACoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Starts polling (idempotent): registers the reminder that keeps the coordinator alive and starts the poll timer.</summary>
    [Alias("Start")]
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stops polling until the next <see cref="StartAsync"/>: ends the timer after the poll in flight, persists the
    /// counters, drops the reminder and deactivates. Watermarks are kept.
    /// </summary>
    [Alias("Stop")]
    Task StopAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs one poll of every table now (after the one in flight, if any) and returns the status after it.</summary>
    [Alias("PollNow")]
    Task<StoreAStatus> PollNowAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Per table: watermark, rows read and published, last poll, last error, whether the full extract is done. Answers
    /// while a poll is in flight.
    /// </summary>
    [Alias("GetStatus")]
    [AlwaysInterleave]
    Task<StoreAStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}
