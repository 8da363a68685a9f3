using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyncGrid.Domain.RetailCrm;
using SyncGrid.RetailCrm;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the RetailCRM client behind <see cref="IRetailCrmClient"/>.</summary>
public static class RetailCrmServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="RetailCrmOptions"/> from <paramref name="section"/> (a bad value stops start-up with
    /// a message naming it) and registers <see cref="IRetailCrmClient"/> as a typed HttpClient with pooled connections
    /// and the process-wide <see cref="RetailCrmPacer"/>.
    /// </summary>
    public static IServiceCollection AddRetailCrmClient(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<RetailCrmOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetailCrmOptions>, RetailCrmOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RetailCrmPacer>();
        services.AddHttpClient<IRetailCrmClient, RetailCrmClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 16 });
        return services;
    }
}
