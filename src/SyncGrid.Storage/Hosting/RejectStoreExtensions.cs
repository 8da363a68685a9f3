using Microsoft.Extensions.DependencyInjection.Extensions;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Storage.Rejects;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SyncGrid's rejects store, on MariaDB or in memory.</summary>
public static class RejectStoreExtensions
{
    /// <summary>Makes the MariaDB rejects store the <see cref="IRejectStore"/>. The database must hold <c>deploy/sql</c>.</summary>
    public static IServiceCollection AddSyncGridMariaDbRejectStore(this IServiceCollection services, MariaDbRejectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SyncGridStorageExtensions.Validate(options.ConnectionString, "the rejects store");

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRejectStore>(sp => new MariaDbRejectStore(options, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Makes the in-memory rejects store (the embedded default, no database) the <see cref="IRejectStore"/>.</summary>
    public static IServiceCollection AddSyncGridInMemoryRejectStore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRejectStore, InMemoryRejectStore>();
        return services;
    }
}
