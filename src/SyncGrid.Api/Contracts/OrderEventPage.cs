namespace SyncGrid.Api.Contracts;

/// <summary>A page of the event log, newest first (<c>GET /api/v1/orders/events</c>).</summary>
/// <param name="Items">The events.</param>
/// <param name="NextBefore">The <c>before</c> of the next (older) page; <see langword="null"/> on the last page.</param>
public sealed record OrderEventPage(IReadOnlyList<OrderEventDto> Items, long? NextBefore);
