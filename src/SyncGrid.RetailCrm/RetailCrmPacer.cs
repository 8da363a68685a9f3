using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SyncGrid.RetailCrm;

/// <summary>
/// The process-wide pacer of RetailCRM requests: a token bucket of one token (the account's burst is 1) refilled at
/// the configured rate, so request starts are spaced and never exceed the account's 10 requests/s in any second.
/// </summary>
public sealed class RetailCrmPacer : IDisposable
{
    public RetailCrmPacer(IOptions<RetailCrmOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / options.Value.RequestsPerSecond),
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>The limiter every attempt acquires from.</summary>
    public RateLimiter Limiter { get; }

    /// <inheritdoc />
    public void Dispose() => Limiter.Dispose();
}
