using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SyncGrid.Grains.Bitrix24;

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
    /// <summary>Lookups in flight when neither the configuration nor the host says.</summary>
    public const int DefaultRegisterLookupsInFlight = 64;

    public WorkAdmission(IOptions<CompanySyncOptions> options, IOptions<Bitrix24GatewayOptions> gateway)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gateway);
        RegisterLookupsInFlight = options.Value.RegisterLookupsInFlight ?? DefaultRegisterLookupsInFlight;
        Bitrix24PushesInFlight = options.Value.Bitrix24PushesInFlight ?? Math.Max(256, (int)Math.Ceiling(gateway.Value.DrainPerSecond * 100));
        RegisterLookups = Limiter(RegisterLookupsInFlight);
        Bitrix24Pushes = Limiter(Bitrix24PushesInFlight);
    }

    /// <summary>Register lookups run at once.</summary>
    public int RegisterLookupsInFlight { get; }

    /// <summary>Pushes run at once.</summary>
    public int Bitrix24PushesInFlight { get; }

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
