using Microsoft.Extensions.DependencyInjection.Extensions;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Storage.Orders;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the order flows' event log, incidents and order index, on MariaDB or in memory.</summary>
public static class OrderLogExtensions
{
    /// <summary>Makes the MariaDB order log the <see cref="IOrderLog"/>. The database must hold <c>deploy/sql</c>.</summary>
    public static IServiceCollection AddSyncGridMariaDbOrderLog(this IServiceCollection services, MariaDbOrderLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SyncGridStorageExtensions.Validate(options.ConnectionString, "the order log");
        services.TryAddSingleton<IOrderLog>(_ => new MariaDbOrderLog(options));
        return services;
    }

    /// <summary>Makes the in-memory order log (the embedded default, no database) the <see cref="IOrderLog"/>.</summary>
    public static IServiceCollection AddSyncGridInMemoryOrderLog(this IServiceCollection services)
    {
        services.TryAddSingleton<IOrderLog, InMemoryOrderLog>();
        return services;
    }
}
