using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyncGrid.Grains;
using SyncGrid.Grains.Bitrix24;
using SyncGrid.Grains.Ingest;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what SyncGrid's grains need from the silo's container.</summary>
public static class SyncGridGrainsExtensions
{
    /// <summary>
    /// Adds the services the grains depend on that have a single sensible default (the system clock). The grain
    /// storage named <c>syncgrid</c> and the read model are the host's choice (see the storage extensions).
    /// </summary>
    public static ISiloBuilder AddSyncGridGrains(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<Bitrix24GatewayMetrics>();
        builder.Services.TryAddSingleton<Bitrix24Presets>();
        builder.Services.TryAddSingleton<StoreAMetrics>();
        builder.Services.TryAddSingleton<IngestMetrics>();
        builder.Services.TryAddSingleton<GridMetrics>();
        builder.Services.AddOptions<Bitrix24GatewayOptions>();
        builder.Services.AddOptions<CompanySyncOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CompanySyncOptions>, CompanySyncOptionsValidator>());
        builder.Services.TryAddSingleton<WorkAdmission>();
        builder.Services.AddOptions<RecordStreamOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecordStreamOptions>, RecordStreamOptionsValidator>());
        return builder;
    }
}
