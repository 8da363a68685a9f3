using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SyncGrid.Register;

/// <summary>
/// The process-wide pacer of register requests: a token bucket of one token refilled every 1.1/rate seconds, so
/// request starts are spaced and the configured rate holds in every one-second window however many callers wait.
/// The 10 % margin absorbs the full bucket at start and timer and network jitter, which otherwise let one window see
/// rate + 1 requests. Every attempt, retries included, takes a token.
/// </summary>
public sealed class RegisterPacer : IDisposable
{
    private const double SpacingFactor = 1.1;

    public RegisterPacer(IOptions<RegisterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        Limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(SpacingFactor / settings.RequestsPerSecond),
            QueueLimit = settings.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>The limiter the resilience pipeline acquires from before each attempt.</summary>
    public RateLimiter Limiter { get; }

    /// <inheritdoc />
    public void Dispose() => Limiter.Dispose();
}
