using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement.Rebalancing;
using Orleans.Placement.Repartitioning;
using Orleans.TestingHost;
using SyncGrid.Cli.Hosting;

namespace SyncGrid.Observability.Tests;

/// <summary><c>Grid:ActivationRepartitioning</c> and <c>Grid:ActivationRebalancing</c> turn Orleans' experimental features on; both are off by default.</summary>
public sealed class ActivationBalancingTests
{
    [Fact]
    public async Task ConfigureGrid_Default_NeitherFeature()
    {
        await using var cluster = await DeployAsync(new Dictionary<string, string?>());

        var services = cluster.Silos[0].ServiceProvider;

        Assert.Null(services.GetService<IActivationRebalancer>());
        Assert.Empty(services.GetServices<IImbalanceToleranceRule>());
    }

    [Fact]
    public async Task ConfigureGrid_BothEnabled_TwoSilosStartWithRebalancerAndRepartitioner()
    {
        await using var cluster = await DeployAsync(new Dictionary<string, string?>
        {
            ["Grid:ActivationRepartitioning"] = "true",
            ["Grid:ActivationRebalancing"] = "true",
        }, silos: 2);

        foreach (var silo in cluster.Silos)
        {
            Assert.NotNull(silo.ServiceProvider.GetService<IActivationRebalancer>());
            Assert.NotEmpty(silo.ServiceProvider.GetServices<IImbalanceToleranceRule>());
        }

        // The rebalancer's cluster-wide worker answers: its report names the silo that hosts it.
        var report = await cluster.Silos[0].ServiceProvider.GetRequiredService<IActivationRebalancer>().GetRebalancingReport(force: true).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(report.Host, cluster.Silos.Select(s => s.SiloAddress));
    }

    [Fact]
    public async Task SiloHost_BothEnabled_StartsAndIsReady()
    {
        var settings = Hosts.Silo(Sample.FreePort(), Sample.FreePort());
        settings["Grid:ActivationRepartitioning"] = "true";
        settings["Grid:ActivationRebalancing"] = "true";
        settings["Telemetry:PrometheusUrl"] = "http://127.0.0.1:0";
        using var host = await Hosts.StartSiloAsync(settings);
        try
        {
            Assert.NotNull(host.Services.GetService<IActivationRebalancer>());
            Assert.NotEmpty(host.Services.GetServices<IImbalanceToleranceRule>());
            using var http = Hosts.Client(Hosts.ListenerUrl(host));
            await Hosts.WaitForHealthAsync(http, "health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<InProcessTestCluster> DeployAsync(Dictionary<string, string?> settings, int silos = 1)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) => SiloConfiguration.ConfigureGrid(silo, configuration));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
