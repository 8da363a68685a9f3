using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace SyncGrid.IntegrationTests.Sql;

/// <summary>Points the test cluster's client at the gateways listed in the MariaDB membership table.</summary>
public sealed class MariaDbClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        var connectionString = configuration[MariaDbSiloConfigurator.ConnectionStringKey]
            ?? throw new InvalidOperationException($"The test cluster has no '{MariaDbSiloConfigurator.ConnectionStringKey}' property.");
        clientBuilder
            .UseSyncGridMariaDbClustering(connectionString)
            .Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
    }
}
