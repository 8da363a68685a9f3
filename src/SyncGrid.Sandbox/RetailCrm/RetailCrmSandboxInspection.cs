namespace SyncGrid.Sandbox.RetailCrm;

/// <summary>What a RetailCRM sandbox holds and served, for tests and benchmark reports.</summary>
public sealed record RetailCrmSandboxInspection
{
    /// <summary>Orders held.</summary>
    public int Orders { get; init; }

    /// <summary>Customer cards held.</summary>
    public int Customers { get; init; }

    /// <summary>The last order history id.</summary>
    public long LastHistoryId { get; init; }

    /// <summary>Orders per status code.</summary>
    public IReadOnlyDictionary<string, int> OrdersByStatus { get; init; } = new Dictionary<string, int>();

    /// <summary>History records written with SyncGrid's key (its own edits).</summary>
    public int EditsBySyncGrid { get; init; }

    /// <summary>Requests per route (<c>orders/history</c>, <c>orders/{id}/edit</c>, …).</summary>
    public IReadOnlyDictionary<string, long> RequestsByRoute { get; init; } = new Dictionary<string, long>();

    /// <summary>Requests per HTTP status (0: connection dropped).</summary>
    public IReadOnlyDictionary<int, long> RequestsByStatus { get; init; } = new Dictionary<int, long>();

    /// <summary>Requests refused by the rate limit.</summary>
    public long LimitHits { get; init; }
}
