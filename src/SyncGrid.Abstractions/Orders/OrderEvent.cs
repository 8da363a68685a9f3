namespace SyncGrid.Abstractions.Orders;

/// <summary>
/// One inbound or outbound event of the order flows, as the event log keeps it: when, which direction and system,
/// what (<c>history.batch</c>, <c>deal.add</c>, <c>status.push</c>, …), about which order and deal, a reference to the
/// payload (<c>retailcrm:history:101-200</c>, <c>bitrix24:deal:55</c>), the result, the error and the time it took.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderEvent")]
public sealed record OrderEvent
{
    [Id(0)]
    public required DateTimeOffset At { get; init; }

    /// <summary><c>in</c> (from RetailCRM or Bitrix24 to SyncGrid) or <c>out</c>.</summary>
    [Id(1)]
    public required string Direction { get; init; }

    /// <summary><c>retailcrm</c> or <c>bitrix24</c>.</summary>
    [Id(2)]
    public required string System { get; init; }

    [Id(3)]
    public required string Kind { get; init; }

    [Id(4)]
    public long? OrderId { get; init; }

    [Id(5)]
    public long? DealId { get; init; }

    [Id(6)]
    public string? PayloadRef { get; init; }

    /// <summary><c>ok</c>, <c>skipped</c>, <c>failed</c> or <c>unknown</c> (an answer was lost).</summary>
    [Id(7)]
    public required string Result { get; init; }

    [Id(8)]
    public string? Error { get; init; }

    [Id(9)]
    public long DurationMs { get; init; }
}

/// <summary>An event as stored, with its id.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderEventRow")]
public sealed record OrderEventRow([property: Id(0)] long Id, [property: Id(1)] OrderEvent Event);

/// <summary>Which events to list: newest first, before an id, filtered.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderEventQuery")]
public sealed record OrderEventQuery
{
    [Id(0)]
    public long? OrderId { get; init; }

    [Id(1)]
    public string? Kind { get; init; }

    [Id(2)]
    public string? Result { get; init; }

    /// <summary>Only events with a smaller id (paging).</summary>
    [Id(3)]
    public long? BeforeId { get; init; }

    [Id(4)]
    public int Limit { get; init; } = 100;
}
