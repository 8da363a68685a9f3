using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyncGrid.Sources.StoreA;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers store A's replica reader.</summary>
public static class StoreAServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="StoreAOptions"/> (at start: a bad value stops the host with a message naming it)
    /// and registers one <see cref="IStoreAReader"/> over MySqlConnector.
    /// </summary>
    public static IServiceCollection AddStoreAReader(this IServiceCollection services, Action<StoreAOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<StoreAOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreAOptions>, StoreAOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStoreAReader, MySqlStoreAReader>();
        return services;
    }
}
