using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using SyncGrid.Cli.Hosting;
using SyncGrid.Grains;

namespace SyncGrid.Observability.Tests;

/// <summary>
/// How many register lookups and Bitrix24 pushes a silo runs at once: derived from the register client's rate and the
/// portal's drain unless configured, and a bad value stops the silo.
/// </summary>
public sealed class WorkAdmissionConfigurationTests
{
    [Fact]
    public async Task ConfigureGrid_RatesConfigured_TurnsCoverThreeSecondsOfLookupsAndTwoOfCommands()
    {
        await using var cluster = await DeployAsync(new Dictionary<string, string?>
        {
            ["Register:BaseUrl"] = "http://127.0.0.1:9/",
            ["Register:ApiKey"] = "register-key",
            ["Register:RequestsPerSecond"] = "86.4",
            ["Bitrix24:WebhookUrl"] = "http://127.0.0.1:9/rest/1/secret-code/",
            ["Bitrix24:DrainPerSecond"] = "12.11",
        });

        var admission = cluster.Silos[0].ServiceProvider.GetRequiredService<WorkAdmission>();

        Assert.Equal(260, admission.RegisterLookupsInFlight);
        Assert.Equal(1211, admission.Bitrix24PushesInFlight);
    }

    [Fact]
    public async Task ConfigureGrid_Defaults_SixtyLookupsAndTwoHundredFiftySixPushes()
    {
        await using var cluster = await DeployAsync(new Dictionary<string, string?>());

        var admission = cluster.Silos[0].ServiceProvider.GetRequiredService<WorkAdmission>();

        Assert.Equal(60, admission.RegisterLookupsInFlight);
        Assert.Equal(256, admission.Bitrix24PushesInFlight);
    }

    [Fact]
    public async Task ConfigureGrid_Configured_TheConfiguredTurns()
    {
        await using var cluster = await DeployAsync(new Dictionary<string, string?>
        {
            ["Sync:RegisterLookupsInFlight"] = "5",
            ["Sync:Bitrix24PushesInFlight"] = "7",
        });

        var admission = cluster.Silos[0].ServiceProvider.GetRequiredService<WorkAdmission>();

        Assert.Equal(5, admission.RegisterLookupsInFlight);
        Assert.Equal(7, admission.Bitrix24PushesInFlight);
    }

    [Fact]
    public async Task ConfigureGrid_NoPushTurns_StartFailsNamingTheSetting()
    {
        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => DeployAsync(new Dictionary<string, string?> { ["Sync:Bitrix24PushesInFlight"] = "0" }));

        Assert.Contains(nameof(CompanySyncOptions.Bitrix24PushesInFlight), error.Message, StringComparison.Ordinal);
    }

    private static async Task<InProcessTestCluster> DeployAsync(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => SiloConfiguration.ConfigureGrid(silo, configuration));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }
}
