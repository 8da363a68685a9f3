using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SyncGrid.Kafka.Mock;
using SyncGrid.ServiceDefaults;
using SyncGrid.Storage.Health;
using SyncGrid.Testing;

namespace SyncGrid.Observability.Tests;

/// <summary>Readiness follows the cluster, Kafka and MariaDB: ready when they answer, not ready (503) when one does not.</summary>
public sealed class HealthTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ApiClient_SiloStops_ReadyTurnsNotReadyLiveStays()
    {
        var settings = Hosts.Silo(Sample.FreePort(), Sample.FreePort());
        var silo = await Hosts.StartSiloAsync(settings);
        var apiSettings = new Dictionary<string, string?>(settings) { ["Api:Token"] = Hosts.Token, ["Api:Urls"] = "http://127.0.0.1:0" };
        using var api = await Hosts.StartApiAsync(apiSettings);
        try
        {
            using var http = Hosts.Client(Hosts.ApiUrl(api));
            var ready = await Hosts.WaitForHealthAsync(http, "health/ready", HttpStatusCode.OK, Deadline);
            Assert.Equal("Healthy", ready.Checks["orleans"]);

            await silo.StopAsync();
            silo.Dispose();

            var down = await Hosts.WaitForHealthAsync(http, "health/ready", HttpStatusCode.ServiceUnavailable, Deadline);
            Assert.Equal(("Unhealthy", "Unhealthy"), (down.Status, down.Checks["orleans"]));
            Assert.Equal(HttpStatusCode.OK, (await Hosts.HealthAsync(http, "health/live")).Code);
        }
        finally
        {
            await api.StopAsync();
            silo.Dispose();
        }
    }

    [Fact]
    public async Task Silo_KafkaBrokerDownThenUp_ReadyFollows()
    {
        using var kafka = new MockKafkaCluster(1);
        kafka.CreateTopic("sapcrm.partners", 2);
        kafka.CreateTopic("syncgrid.store-b-exports", 2);
        var settings = Hosts.Silo(Sample.FreePort(), Sample.FreePort());
        settings["Kafka:BootstrapServers"] = kafka.BootstrapServers;
        settings["Telemetry:PrometheusUrl"] = "http://127.0.0.1:0";
        settings["Telemetry:HealthCheckTimeout"] = "00:00:02";
        using var host = await Hosts.StartSiloAsync(settings);
        try
        {
            using var http = Hosts.Client(Hosts.ListenerUrl(host));
            var ready = await Hosts.WaitForHealthAsync(http, "health/ready", HttpStatusCode.OK, Deadline);
            Assert.Equal(("Healthy", "Healthy"), (ready.Checks["orleans"], ready.Checks["kafka"]));

            kafka.SetBrokerDown(1);
            var down = await Hosts.WaitForHealthAsync(http, "health/ready", HttpStatusCode.ServiceUnavailable, Deadline);
            Assert.Equal(("Healthy", "Unhealthy"), (down.Checks["orleans"], down.Checks["kafka"]));

            kafka.SetBrokerUp(1);
            var back = await Hosts.WaitForHealthAsync(http, "health/ready", HttpStatusCode.OK, Deadline);
            Assert.Equal("Healthy", back.Checks["kafka"]);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task KafkaCheck_TopicMissing_Unhealthy()
    {
        using var kafka = new MockKafkaCluster(1);
        kafka.CreateTopic("present", 1);
        using var check = new Kafka.Health.KafkaHealthCheck(kafka.BootstrapServers, ["present", "absent"], TimeSpan.FromSeconds(5));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("absent", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("present,", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiHost_MariaDbUnreachable_ReadinessNamesMariaDbAndHidesThePassword()
    {
        var settings = Hosts.Silo(Sample.FreePort(), Sample.FreePort());
        settings["ConnectionStrings:MariaDb"] = $"Server=127.0.0.1;Port={Sample.FreePort()};Database=syncgrid;User ID=syncgrid;Password=secret-pw-42;Connection Timeout=2";
        settings["Api:Token"] = Hosts.Token;
        using var host = Cli.Hosting.ApiHosting.Build(null, overrides: settings);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains(SyncGridTelemetry.ReadyTag));

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["mariadb"].Status);
        Assert.Contains("127.0.0.1", report.Entries["mariadb"].Description, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw-42", report.Entries["mariadb"].Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["orleans"].Status);
        Assert.DoesNotContain(report.Entries, e => e.Key == "kafka");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task MariaDbCheck_ServerAnswers_Healthy()
    {
        await using var database = await TestDatabase.CreateAsync("health");

        var result = await new MariaDbHealthCheck(database.ConnectionString).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains(database.Name, result.Description, StringComparison.Ordinal);
    }
}
