using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyncGrid.Bitrix24;
using SyncGrid.Domain.Bitrix24;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Bitrix24 client.</summary>
public static class Bitrix24ServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="Bitrix24Options"/> from <paramref name="section"/> (a bad value stops start-up
    /// with a message naming it) and registers <see cref="IBitrix24Client"/> as a typed HttpClient with pooled,
    /// reused connections.
    /// </summary>
    public static IServiceCollection AddBitrix24Client(this IServiceCollection services, IConfigurationSection section)
    {
        services.AddOptions<Bitrix24Options>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Bitrix24Options>, Bitrix24OptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient<IBitrix24Client, Bitrix24Client>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        return services;
    }
}
