using Microsoft.Extensions.DependencyInjection.Extensions;
using SyncGrid.Abstractions.Progress;
using SyncGrid.Sources.Import;
using SyncGrid.Storage.Checkpoints;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers where import checkpoints are kept: MariaDB, a directory of files, or memory.</summary>
public static class SourceCheckpointStoreExtensions
{
    /// <summary>Makes the MariaDB checkpoint store the <see cref="ISourceCheckpointStore"/>. The database must hold <c>deploy/sql</c>.</summary>
    public static IServiceCollection AddSyncGridMariaDbCheckpointStore(this IServiceCollection services, MariaDbSourceCheckpointStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SyncGridStorageExtensions.Validate(options.ConnectionString, "the import checkpoints");
        services.TryAddSingleton<ISourceCheckpointStore>(new MariaDbSourceCheckpointStore(options));
        return services;
    }

    /// <summary>Makes a directory of checkpoint files the <see cref="ISourceCheckpointStore"/> (imports without MariaDB).</summary>
    public static IServiceCollection AddSyncGridFileCheckpointStore(this IServiceCollection services, string directory)
    {
        services.TryAddSingleton<ISourceCheckpointStore>(_ => new FileSourceCheckpointStore(directory));
        return services;
    }

    /// <summary>
    /// Adds <see cref="ExportCheckpointProgressProvider"/> (the export files' checkpoints) to the
    /// <see cref="ISourceProgressProvider"/>s (idempotent); register a checkpoint store as well.
    /// </summary>
    public static IServiceCollection AddExportCheckpointProgress(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceProgressProvider, ExportCheckpointProgressProvider>());
        return services;
    }

    /// <summary>Makes process memory the <see cref="ISourceCheckpointStore"/> (in-process runs that need no restart).</summary>
    public static IServiceCollection AddSyncGridInMemoryCheckpointStore(this IServiceCollection services)
    {
        services.TryAddSingleton<ISourceCheckpointStore, InMemorySourceCheckpointStore>();
        return services;
    }
}
