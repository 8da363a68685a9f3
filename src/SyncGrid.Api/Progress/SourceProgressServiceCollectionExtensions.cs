using Microsoft.Extensions.DependencyInjection.Extensions;
using SyncGrid.Abstractions.Progress;
using SyncGrid.Api.Progress;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the progress providers that read grains.</summary>
public static class SourceProgressServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="StoreASourceProgressProvider"/> for the store A source <paramref name="source"/> (the coordinator's
    /// key, <c>store-a</c>) to the <see cref="ISourceProgressProvider"/>s (idempotent). The host provides <see cref="IGrainFactory"/>.
    /// </summary>
    public static IServiceCollection AddStoreASourceProgress(this IServiceCollection services, string source)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceProgressProvider, StoreASourceProgressProvider>(
            sp => new StoreASourceProgressProvider(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<TimeProvider>(), source)));
        return services;
    }
}
