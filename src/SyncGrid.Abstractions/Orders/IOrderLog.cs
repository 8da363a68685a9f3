using SyncGrid.Domain;

namespace SyncGrid.Abstractions.Orders;

/// <summary>
/// The event log, the incidents and the order index of the order flows (MariaDB, or memory in the embedded default).
/// </summary>
public interface IOrderLog
{
    /// <summary>Appends events.</summary>
    Task AppendAsync(IReadOnlyList<OrderEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Events, newest first.</summary>
    Task<IReadOnlyList<OrderEventRow>> QueryEventsAsync(OrderEventQuery query, CancellationToken cancellationToken = default);

    /// <summary>Event counts by <c>direction/system/kind/result</c>.</summary>
    Task<IReadOnlyDictionary<string, long>> CountEventsAsync(CancellationToken cancellationToken = default);

    /// <summary>Records (or replaces) an order's index row.</summary>
    Task UpsertOrderAsync(OrderIndexRow row, CancellationToken cancellationToken = default);

    /// <summary>The RetailCRM id of the order with this number, if known.</summary>
    Task<long?> FindOrderIdAsync(string number, CancellationToken cancellationToken = default);

    /// <summary>Opens an incident with its first history line.</summary>
    Task OpenIncidentAsync(OrderIncident incident, OrderIncidentEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Updates an incident (failures, alerted, last error, closed) and appends a history line.</summary>
    Task UpdateIncidentAsync(OrderIncident incident, OrderIncidentEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Incidents, newest first: open ones only, or all; of one order, or all.</summary>
    Task<IReadOnlyList<OrderIncident>> ListIncidentsAsync(bool openOnly, long? orderId, int limit, CancellationToken cancellationToken = default);

    /// <summary>An incident's history, oldest first.</summary>
    Task<IReadOnlyList<OrderIncidentEntry>> IncidentHistoryAsync(string incidentId, CancellationToken cancellationToken = default);
}

/// <summary>An order's row in the order index: how it is found by number, and its state at a glance.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderIndexRow")]
public sealed record OrderIndexRow(
    [property: Id(0)] long OrderId,
    [property: Id(1)] string Number,
    [property: Id(2)] string? ExternalId,
    [property: Id(3)] string Site,
    [property: Id(4)] string Status,
    [property: Id(5)] long? DealId,
    [property: Id(6)] string State,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] string? LastError);

/// <summary>The order log reachable through the cluster, for hosts that cannot reach it directly (a stateless worker, key 0).</summary>
[Alias("SyncGrid.Abstractions.Orders.IOrderQueryGrain")]
public interface IOrderQueryGrain : IGrainWithIntegerKey
{
    [Alias("QueryEvents")]
    Task<ValueList<OrderEventRow>> QueryEventsAsync(OrderEventQuery query, CancellationToken cancellationToken = default);

    [Alias("CountEvents")]
    Task<Dictionary<string, long>> CountEventsAsync(CancellationToken cancellationToken = default);

    [Alias("FindOrderId")]
    Task<long?> FindOrderIdAsync(string number, CancellationToken cancellationToken = default);

    [Alias("ListIncidents")]
    Task<ValueList<OrderIncident>> ListIncidentsAsync(bool openOnly, long? orderId, int limit, CancellationToken cancellationToken = default);

    [Alias("IncidentHistory")]
    Task<ValueList<OrderIncidentEntry>> IncidentHistoryAsync(string incidentId, CancellationToken cancellationToken = default);
}
