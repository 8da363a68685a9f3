using Microsoft.Extensions.Logging;
using SyncGrid.Grains.Ingest;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds store A's extraction to a silo.</summary>
public static class StoreASiloBuilderExtensions
{
    /// <summary>
    /// Starts the store A coordinator of <paramref name="source"/> when the silo becomes active. The reader and the
    /// publisher it uses (<c>IStoreAReader</c>, <c>IStoreARecordPublisher</c>) are the host's to register.
    /// </summary>
    public static ISiloBuilder AddStoreACoordinator(this ISiloBuilder builder, string source = StoreAStreams.DefaultSource)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new StoreACoordinatorStarter(
            sp.GetRequiredService<IGrainFactory>(), source, sp.GetRequiredService<ILogger<StoreACoordinatorStarter>>()));
        return builder;
    }
}
