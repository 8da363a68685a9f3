using SyncGrid.Abstractions.Orders;

namespace SyncGrid.Storage.Orders;

/// <summary>The order log in memory (the embedded default and tests): the same contract as <see cref="MariaDbOrderLog"/>.</summary>
public sealed class InMemoryOrderLog : IOrderLog
{
    private readonly Lock _gate = new();
    private readonly List<OrderEventRow> _events = [];
    private readonly Dictionary<long, OrderIndexRow> _orders = [];
    private readonly Dictionary<string, OrderIncident> _incidents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OrderIncidentEntry>> _history = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<OrderEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_gate)
        {
            foreach (var e in events)
            {
                _events.Add(new OrderEventRow(_events.Count + 1, e));
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OrderEventRow>> QueryEventsAsync(OrderEventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OrderEventRow>>([.. _events
                .Where(r => (query.OrderId is null || r.Event.OrderId == query.OrderId)
                    && (query.Kind is null || r.Event.Kind == query.Kind)
                    && (query.Result is null || r.Event.Result == query.Result)
                    && (query.BeforeId is null || r.Id < query.BeforeId))
                .OrderByDescending(r => r.Id)
                .Take(Math.Clamp(query.Limit, 1, 1000))]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> CountEventsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, long>>(_events
                .GroupBy(r => $"{r.Event.Direction}/{r.Event.System}/{r.Event.Kind}/{r.Event.Result}", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal));
        }
    }

    /// <inheritdoc />
    public Task UpsertOrderAsync(OrderIndexRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        lock (_gate)
        {
            _orders[row.OrderId] = row;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long?> FindOrderIdAsync(string number, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_orders.Values.Where(o => o.Number == number).Select(o => (long?)o.OrderId).Order().FirstOrDefault());
        }
    }

    /// <inheritdoc />
    public Task OpenIncidentAsync(OrderIncident incident, OrderIncidentEntry entry, CancellationToken cancellationToken = default) =>
        UpdateIncidentAsync(incident, entry, cancellationToken);

    /// <inheritdoc />
    public Task UpdateIncidentAsync(OrderIncident incident, OrderIncidentEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        lock (_gate)
        {
            _incidents[incident.Id] = incident;
            if (!_history.TryGetValue(incident.Id, out var lines))
            {
                _history[incident.Id] = lines = [];
            }

            lines.Add(entry);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OrderIncident>> ListIncidentsAsync(bool openOnly, long? orderId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OrderIncident>>([.. _incidents.Values
                .Where(i => (!openOnly || i.ClosedAt is null) && (orderId is null || i.OrderId == orderId))
                .OrderByDescending(i => i.OpenedAt).ThenByDescending(i => i.Id, StringComparer.Ordinal)
                .Take(Math.Clamp(limit, 1, 10_000))]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OrderIncidentEntry>> IncidentHistoryAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OrderIncidentEntry>>(_history.TryGetValue(incidentId, out var lines) ? [.. lines] : []);
        }
    }
}
