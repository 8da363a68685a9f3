namespace SyncGrid.Abstractions.Orders;

/// <summary>
/// Receives Bitrix24's outgoing events for deals (a stateless worker, key 0): checks the application token, reads
/// the deal through the gateway (the event says only which deal changed), and hands what it sees to the order grain
/// of the deal's <c>ORIGIN_ID</c> when SyncGrid created it.
/// </summary>
[Alias("SyncGrid.Abstractions.Orders.IOrderDealEventsGrain")]
public interface IOrderDealEventsGrain : IGrainWithIntegerKey
{
    /// <summary>Handles one event.</summary>
    [Alias("Receive")]
    Task<DealEventOutcome> ReceiveAsync(Bitrix24DealEvent received, CancellationToken cancellationToken = default);
}

/// <summary>An outgoing event as posted by the portal (form fields).</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Bitrix24DealEvent")]
public sealed record Bitrix24DealEvent(
    [property: Id(0)] string Event,
    [property: Id(1)] long DealId,
    [property: Id(2)] string? ApplicationToken,
    [property: Id(3)] string? Domain);

/// <summary>What became of an event.</summary>
[GenerateSerializer, Alias("SyncGrid.DealEventOutcome")]
public enum DealEventOutcome
{
    /// <summary>Handed to the order grain.</summary>
    Accepted = 0,

    /// <summary>Not an order deal, or not an event SyncGrid handles.</summary>
    Ignored = 1,

    /// <summary>The application token is missing or wrong: the sender is not the portal.</summary>
    Rejected = 2,

    /// <summary>The deal could not be read now; the polling fallback will see the change.</summary>
    Deferred = 3,
}

/// <summary>
/// The polling fallback of the reverse sync (key: the portal): lists the deals SyncGrid created that changed since
/// its watermark and hands each to its order grain, so a lost outgoing event (they are never retried) loses nothing.
/// </summary>
[Alias("SyncGrid.Abstractions.Orders.IDealPollGrain")]
public interface IDealPollGrain : IGrainWithStringKey
{
    /// <summary>Starts polling (idempotent).</summary>
    [Alias("Start")]
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Polls now; returns the deals seen.</summary>
    [Alias("PollNow")]
    [ResponseTimeout("00:10:00")]
    Task<int> PollNowAsync(CancellationToken cancellationToken = default);
}
