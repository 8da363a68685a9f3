using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Storage.Rejects;
using SyncGrid.Storage.ReadModel;

namespace SyncGrid.Grains.Tests;

/// <summary>One in-process silo with memory storage, a shared in-memory read model and a fake clock, per test class.</summary>
public sealed class GridFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public InMemoryReadModel ReadModel { get; } = new();

    public InMemoryRejectStore Rejects { get; } = new(TimeProvider.System);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSyncGridMemoryGrainStorage(GrainStorageNames.Grid);
            silo.AddSyncGridGrains();
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.AddSingleton(ReadModel);
            silo.Services.AddSingleton<IReadModelWriter>(ReadModel);
            silo.Services.AddSingleton<IRejectStore>(Rejects);
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
