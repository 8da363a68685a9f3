namespace SyncGrid.Abstractions.Orders;

/// <summary>
/// The order intake of one RetailCRM account (key: the account name): polls the order history from the last
/// processed history id, re-reads the orders it names, hands each to its <see cref="IOrderGrain"/>, and only then
/// persists the new last id — so a restart resumes where it left off, no order is skipped and none is doubled.
/// SyncGrid's own writes (<c>apiKey.current</c>) are skipped.
/// </summary>
[Alias("SyncGrid.Abstractions.Orders.IOrderIntakeGrain")]
public interface IOrderIntakeGrain : IGrainWithStringKey
{
    /// <summary>Starts polling (idempotent): a reminder keeps it going across restarts.</summary>
    [Alias("Start")]
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Polls now, batch after batch until the history is exhausted; returns the records read.</summary>
    [Alias("PollNow")]
    [ResponseTimeout("00:30:00")]
    Task<long> PollNowAsync(CancellationToken cancellationToken = default);

    /// <summary>Where the intake stands.</summary>
    [Alias("GetState")]
    Task<OrderIntakeSnapshot> GetStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the last processed history id back (an operator's replay); order grains ignore what they already applied.</summary>
    [Alias("Rewind")]
    Task RewindAsync(long historyId, CancellationToken cancellationToken = default);
}

/// <summary>Where an order intake stands.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderIntakeSnapshot")]
public sealed record OrderIntakeSnapshot
{
    /// <summary>The last history id processed (every record up to it is durably in order grains).</summary>
    [Id(0)]
    public long LastHistoryId { get; init; }

    [Id(1)]
    public long RecordsRead { get; init; }

    /// <summary>Records skipped as SyncGrid's own writes.</summary>
    [Id(2)]
    public long OwnWritesSkipped { get; init; }

    /// <summary>Order changes handed to order grains.</summary>
    [Id(3)]
    public long OrdersHandedOver { get; init; }

    [Id(4)]
    public DateTimeOffset? LastPollAt { get; init; }

    [Id(5)]
    public string? LastError { get; init; }

    [Id(6)]
    public long Batches { get; init; }
}
