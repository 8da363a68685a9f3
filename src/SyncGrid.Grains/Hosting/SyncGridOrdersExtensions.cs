using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyncGrid.Grains.Orders;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the order flows (RetailCRM orders ↔ Bitrix24 deals) in a silo.</summary>
public static class SyncGridOrdersExtensions
{
    /// <summary>
    /// Binds and validates <see cref="OrdersOptions"/> from <paramref name="section"/>, and adds the stage dictionary
    /// cache and the start-up step that checks the status dictionary against both systems and starts the intake when
    /// <c>Orders:Enabled</c> is true. The RetailCRM client, the Bitrix24 client and an order log are the host's choice.
    /// </summary>
    public static ISiloBuilder AddSyncGridOrders(this ISiloBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<OrdersOptions>().Bind(section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrdersOptions>, OrdersOptionsValidator>());
        builder.Services.TryAddSingleton<OrderDictionaries>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, OrdersStartup>();
        return builder;
    }
}
