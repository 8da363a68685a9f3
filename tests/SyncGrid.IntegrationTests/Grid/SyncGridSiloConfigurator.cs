using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SyncGrid.Cli.Hosting;

namespace SyncGrid.IntegrationTests.Grid;

/// <summary>
/// A test-cluster silo configured as <c>syncgrid silo</c> configures it (endpoints and cluster id are the test
/// cluster's), except that a dead silo is declared dead within a few seconds (production keeps Orleans' defaults).
/// </summary>
public sealed class SyncGridSiloConfigurator : ISiloConfigurator
{
    /// <inheritdoc />
    public void Configure(ISiloBuilder siloBuilder) => ConfigureSilo(siloBuilder);

    /// <summary>What <see cref="Configure"/> does, for configurators that add to it.</summary>
    public static void ConfigureSilo(ISiloBuilder siloBuilder)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        SiloConfiguration.ConfigureGrid(siloBuilder, siloBuilder.Configuration);
        siloBuilder.Configure<Orleans.Configuration.ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        });
    }
}

/// <summary>The test cluster's client, finding the silos through MariaDB clustering (<c>ConnectionStrings:MariaDb</c>).</summary>
public sealed class SyncGridClientConfigurator : IClientBuilderConfigurator
{
    /// <inheritdoc />
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseSyncGridMariaDbClustering(configuration["ConnectionStrings:MariaDb"]!);
}
