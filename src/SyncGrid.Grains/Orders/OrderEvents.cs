using System.Diagnostics;
using SyncGrid.Abstractions.Orders;

namespace SyncGrid.Grains.Orders;

/// <summary>Collects the events of one unit of work (a sync attempt, a poll) and writes them to the event log at once.</summary>
internal sealed class OrderEvents(TimeProvider time, long? orderId)
{
    private readonly List<OrderEvent> _events = [];

    public long? DealId { get; set; }

    public int Count => _events.Count;

    public static long Start() => Stopwatch.GetTimestamp();

    public void In(string system, string kind, string result, string? payloadRef = null, string? error = null, long? started = null) =>
        Add("in", system, kind, result, payloadRef, error, started);

    public void Out(string system, string kind, string result, string? payloadRef = null, string? error = null, long? started = null) =>
        Add("out", system, kind, result, payloadRef, error, started);

    public async Task FlushAsync(IOrderLog? log, CancellationToken cancellationToken)
    {
        if (log is null || _events.Count == 0)
        {
            _events.Clear();
            return;
        }

        var batch = _events.ToList();
        _events.Clear();
        await log.AppendAsync(batch, cancellationToken);
    }

    private void Add(string direction, string system, string kind, string result, string? payloadRef, string? error, long? started) => _events.Add(new OrderEvent
    {
        At = time.GetUtcNow(),
        Direction = direction,
        System = system,
        Kind = kind,
        OrderId = orderId,
        DealId = DealId,
        PayloadRef = payloadRef,
        Result = result,
        Error = error is { Length: > 2000 } ? error[..2000] : error,
        DurationMs = started is { } s ? (long)Stopwatch.GetElapsedTime(s).TotalMilliseconds : 0,
    });
}
