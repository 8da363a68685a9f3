using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace SyncGrid.Cli.Hosting;

/// <summary>
/// How a process outside the silos (<c>syncgrid api</c>) joins the cluster, from the same configuration as a silo: with
/// <c>ConnectionStrings:MariaDb</c> set, the gateways listed in the MariaDB membership table; without it, the localhost
/// silo's gateway on <c>Grid:GatewayPort</c>.
/// </summary>
public static class ClientConfiguration
{
    /// <summary>Configures an Orleans client: cluster identity and gateway discovery.</summary>
    public static IClientBuilder Configure(IClientBuilder client, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        var options = SiloConfiguration.ReadOptions(configuration);
        if (SiloConfiguration.MariaDbConnectionString(configuration) is { } connectionString)
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.UseSyncGridMariaDbClustering(connectionString);
        }
        else
        {
            client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
        }

        return client;
    }
}
