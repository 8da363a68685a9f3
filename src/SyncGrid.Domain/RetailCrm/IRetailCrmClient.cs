namespace SyncGrid.Domain.RetailCrm;

/// <summary>
/// The port to one RetailCRM account (API v5, one API key). Implementations pace every request below the account's
/// rate limit, address orders by internal id (<c>by=id</c>), never throw for what the account or the network does
/// (every failure is a <see cref="RetailCrmOutcome"/>), retry reads, and repeat an edit only when the account refused it unrun (rate limit), never after a lost answer.
/// </summary>
public interface IRetailCrmClient
{
    /// <summary><c>GET /api/credentials</c>: the key's scopes and sites (the start-up probe).</summary>
    Task<RetailCrmResult<RetailCrmCredentials>> GetCredentialsAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /orders/history</c> with <c>filter[sinceId]</c> (exclusive) and <c>limit</c> 20, 50 or 100, page 1.</summary>
    Task<RetailCrmResult<RetailCrmHistoryPage>> GetOrderHistoryAsync(long sinceId, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary><c>GET /orders</c> with <c>filter[ids][]</c>, 100 per request; orders that no longer exist are simply absent.</summary>
    Task<RetailCrmResult<IReadOnlyList<RetailCrmOrder>>> GetOrdersAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default);

    /// <summary><c>GET /orders/{id}?by=id</c>.</summary>
    Task<RetailCrmResult<RetailCrmOrder>> GetOrderAsync(long id, CancellationToken cancellationToken = default);

    /// <summary><c>POST /orders/{id}/edit</c> with <c>by=id</c>, <c>site</c> and only the fields of <paramref name="edit"/>.</summary>
    Task<RetailCrmResult<RetailCrmOrder>> EditOrderAsync(long id, string site, RetailCrmOrderEdit edit, CancellationToken cancellationToken = default);

    /// <summary><c>GET /reference/statuses</c>: the statuses dictionary, inactive ones included.</summary>
    Task<RetailCrmResult<IReadOnlyList<RetailCrmStatus>>> GetStatusesAsync(CancellationToken cancellationToken = default);
}
