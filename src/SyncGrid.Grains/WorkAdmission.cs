using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SyncGrid.Grains;

/// <summary>
/// A silo's turns for the grains' background work that waits on an outside system: register lookups, and Bitrix24
/// pushes of companies and contacts. A grain runs such work inside its own turn, and a grain in a turn takes no
/// other call, so a company waiting its turn at the register's pace (thousands ahead of it) would keep its ingest
/// waiting as long. Instead the work waits here, outside the grain, and comes back to the grain as a call once it
/// has a turn (<see cref="DurableWork{TGrain}"/>): the grain is held only while the lookup or push is served.
/// First come, first served; the limits are <see cref="CompanySyncOptions.RegisterLookupsInFlight"/> and
/// <see cref="CompanySyncOptions.Bitrix24PushesInFlight"/>.
/// </summary>
public sealed class WorkAdmission : IDisposable
{
    public WorkAdmission(IOptions<CompanySyncOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RegisterLookups = Limiter(options.Value.RegisterLookupsInFlight);
        Bitrix24Pushes = Limiter(options.Value.Bitrix24PushesInFlight);
    }

    /// <summary>Turns for register lookups.</summary>
    public RateLimiter RegisterLookups { get; }

    /// <summary>Turns for company and contact pushes to Bitrix24.</summary>
    public RateLimiter Bitrix24Pushes { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        RegisterLookups.Dispose();
        Bitrix24Pushes.Dispose();
    }

    private static ConcurrencyLimiter Limiter(int permits) => new(new ConcurrencyLimiterOptions
    {
        PermitLimit = permits,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });
}
