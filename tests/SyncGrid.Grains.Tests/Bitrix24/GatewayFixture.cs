using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SyncGrid.Domain.Bitrix24;
using SyncGrid.Grains.Bitrix24;

namespace SyncGrid.Grains.Tests.Bitrix24;

/// <summary>A silo whose Bitrix24 client is a <see cref="FakePortal"/> with a fast bucket (burst 10, 200 req/s), on the real clock.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    internal FakePortal Portal { get; } = new(burst: 10, drainPerSecond: 200, TimeProvider.System);

    public IGrainFactory Grains => _cluster!.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSyncGridMemoryGrainStorage(GrainStorageNames.Grid);
            silo.AddSyncGridGrains();
            silo.Services.AddSingleton<IBitrix24Client>(Portal);
            silo.Services.Configure<Bitrix24GatewayOptions>(o =>
            {
                o.BurstLimit = 10;
                o.DrainPerSecond = 200;
                o.OperatingBlockFallback = TimeSpan.FromMinutes(5);
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
