using SyncGrid.Abstractions.Orders;

namespace SyncGrid.Api.Cluster;

/// <summary>The silo's order log through <see cref="IOrderQueryGrain"/>, for an API host that cannot reach it directly (read-only).</summary>
public sealed class ClusterOrderLog(IGrainFactory grains) : IOrderLog
{
    private IOrderQueryGrain Grain => grains.GetGrain<IOrderQueryGrain>(0);

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<OrderEvent> events, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The API host reads the order log; only silos write it.");

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrderEventRow>> QueryEventsAsync(OrderEventQuery query, CancellationToken cancellationToken = default) =>
        await Grain.QueryEventsAsync(query, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, long>> CountEventsAsync(CancellationToken cancellationToken = default) =>
        await Grain.CountEventsAsync(cancellationToken);

    /// <inheritdoc />
    public Task UpsertOrderAsync(OrderIndexRow row, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The API host reads the order log; only silos write it.");

    /// <inheritdoc />
    public Task<long?> FindOrderIdAsync(string number, CancellationToken cancellationToken = default) => Grain.FindOrderIdAsync(number, cancellationToken);

    /// <inheritdoc />
    public Task OpenIncidentAsync(OrderIncident incident, OrderIncidentEntry entry, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The API host reads the order log; only silos write it.");

    /// <inheritdoc />
    public Task UpdateIncidentAsync(OrderIncident incident, OrderIncidentEntry entry, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The API host reads the order log; only silos write it.");

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrderIncident>> ListIncidentsAsync(bool openOnly, long? orderId, int limit, CancellationToken cancellationToken = default) =>
        await Grain.ListIncidentsAsync(openOnly, orderId, limit, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrderIncidentEntry>> IncidentHistoryAsync(string incidentId, CancellationToken cancellationToken = default) =>
        await Grain.IncidentHistoryAsync(incidentId, cancellationToken);
}
