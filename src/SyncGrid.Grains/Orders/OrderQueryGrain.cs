using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Domain;

namespace SyncGrid.Grains.Orders;

/// <summary>The silo's order log for hosts that cannot reach it directly (a stateless worker).</summary>
[StatelessWorker]
public sealed class OrderQueryGrain(IServiceProvider services) : Grain, IOrderQueryGrain
{
    private IOrderLog Log => services.GetService<IOrderLog>()
        ?? throw new InvalidOperationException("This silo has no order log (IOrderLog): register one with AddSyncGridInMemoryOrderLog or AddSyncGridMariaDbOrderLog.");

    /// <inheritdoc />
    public async Task<ValueList<OrderEventRow>> QueryEventsAsync(OrderEventQuery query, CancellationToken cancellationToken = default) =>
        new(await Log.QueryEventsAsync(query, cancellationToken));

    /// <inheritdoc />
    public async Task<Dictionary<string, long>> CountEventsAsync(CancellationToken cancellationToken = default) =>
        new(await Log.CountEventsAsync(cancellationToken), StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<long?> FindOrderIdAsync(string number, CancellationToken cancellationToken = default) => Log.FindOrderIdAsync(number, cancellationToken);

    /// <inheritdoc />
    public async Task<ValueList<OrderIncident>> ListIncidentsAsync(bool openOnly, long? orderId, int limit, CancellationToken cancellationToken = default) =>
        new(await Log.ListIncidentsAsync(openOnly, orderId, limit, cancellationToken));

    /// <inheritdoc />
    public async Task<ValueList<OrderIncidentEntry>> IncidentHistoryAsync(string incidentId, CancellationToken cancellationToken = default) =>
        new(await Log.IncidentHistoryAsync(incidentId, cancellationToken));
}
