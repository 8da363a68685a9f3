namespace SyncGrid.Abstractions.Orders;

/// <summary>
/// A failure that needs a person: opened at the first failure of an order's sync (or of the intake), kept with its
/// history while retries go on, alerted once through Bitrix24 notifications, closed when the sync succeeds.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderIncident")]
public sealed record OrderIncident
{
    /// <summary>Stable id, e.g. <c>order-123-2</c> (the order's second incident) or <c>intake-retailcrm-1</c>.</summary>
    [Id(0)]
    public required string Id { get; init; }

    [Id(1)]
    public long? OrderId { get; init; }

    /// <summary>What failed: <c>order</c>, <c>reverse</c> or <c>intake</c>.</summary>
    [Id(2)]
    public required string Scope { get; init; }

    /// <summary>A stable code: <c>bitrix24.rejected</c>, <c>bitrix24.unavailable</c>, <c>retailcrm.rejected</c>, <c>status.unmapped</c>, …</summary>
    [Id(3)]
    public required string Code { get; init; }

    [Id(4)]
    public required string Title { get; init; }

    [Id(5)]
    public required DateTimeOffset OpenedAt { get; init; }

    [Id(6)]
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Whether the one alert of the incident went out.</summary>
    [Id(7)]
    public bool Alerted { get; init; }

    [Id(8)]
    public string? LastError { get; init; }

    /// <summary>Failed attempts while it was open.</summary>
    [Id(9)]
    public int Failures { get; init; }
}

/// <summary>One line of an incident's history.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderIncidentEntry")]
public sealed record OrderIncidentEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string What,
    [property: Id(2)] string? Detail);
