using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Storage.GrainState;
using SyncGrid.Storage.ReadModel;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SyncGrid's storage: the batched grain storage and the read model, on MariaDB or in memory.</summary>
public static class SyncGridStorageExtensions
{
    /// <summary>
    /// Adds the batched, group-committing MariaDB grain storage under <paramref name="name"/> (SyncGrid's grains use
    /// <c>syncgrid</c>). The database must hold the schema of <c>deploy/sql</c> (<c>syncgrid db migrate</c>).
    /// </summary>
    public static IServiceCollection AddSyncGridMariaDbGrainStorage(this IServiceCollection services, string name, MariaDbGrainStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options.ConnectionString, "the grain storage");
        services.AddMetrics();
        services.TryAddSingleton<GrainStorageMetrics>();
        services.AddGrainStorage(name, (sp, _) => new MariaDbGrainStorage(
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            options,
            sp.GetRequiredService<Serializer>(),
            sp.GetRequiredService<IActivatorProvider>(),
            sp.GetRequiredService<ILogger<MariaDbGrainStorage>>(),
            sp.GetRequiredService<GrainStorageMetrics>(),
            name));
        return services;
    }

    /// <summary>Makes the MariaDB read model the grains' <see cref="IReadModelWriter"/> and the hosts' <see cref="IReadModelQueries"/>.</summary>
    public static IServiceCollection AddSyncGridMariaDbReadModel(this IServiceCollection services, MariaDbReadModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options.ConnectionString, "the read model");
        services.TryAddSingleton(_ => new MariaDbReadModel(options));
        services.TryAddSingleton<IReadModelWriter>(sp => sp.GetRequiredService<MariaDbReadModel>());
        services.TryAddSingleton<IReadModelQueries>(sp => sp.GetRequiredService<MariaDbReadModel>());
        return services;
    }

    /// <summary>Makes the in-memory read model (the embedded default, no database) the writer and the queries.</summary>
    public static IServiceCollection AddSyncGridInMemoryReadModel(this IServiceCollection services)
    {
        services.TryAddSingleton<InMemoryReadModel>();
        services.TryAddSingleton<IReadModelWriter>(sp => sp.GetRequiredService<InMemoryReadModel>());
        services.TryAddSingleton<IReadModelQueries>(sp => sp.GetRequiredService<InMemoryReadModel>());
        return services;
    }

    internal static void Validate(string connectionString, string what)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new OptionsValidationException("ConnectionStrings:MariaDb", typeof(string), [$"A MariaDB connection string is required for {what}: set ConnectionStrings:MariaDb (environment variable ConnectionStrings__MariaDb)."]);
        }
    }
}
