using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SyncGrid.Abstractions;

namespace SyncGrid.Observability.Tests;

/// <summary>The scraping and health endpoints of real <c>syncgrid silo</c> hosts, over real Kestrel.</summary>
public sealed class TelemetryEndpointTests
{
    [Fact]
    public async Task SiloWithApi_AfterIngest_MetricsShowSyncGridOrleansAndRuntimeAndHealthIsReady()
    {
        var settings = Hosts.Silo(Sample.FreePort(), Sample.FreePort());
        settings["Api:Enabled"] = "true";
        settings["Api:Token"] = Hosts.Token;
        settings["Api:Urls"] = "http://127.0.0.1:0";
        using var host = await Hosts.StartSiloAsync(settings);
        try
        {
            using var http = Hosts.Client(Hosts.ApiUrl(host));
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var tin = Sample.NewTin();
            var partner = "obs-" + tin;
            await grains.GetGrain<IPartnerIngestGrain>(partner).IngestAsync(Sample.PartnerChanged(partner, tin), "t@1");
            await grains.GetGrain<IPartnerIngestGrain>(partner).IngestAsync(Sample.PartnerChanged(partner, tin), "t@2");
            await grains.GetGrain<IPartnerIngestGrain>("bad-" + tin).IngestAsync(Sample.PartnerChanged("bad-" + tin, Sample.BadTin()), "t@3");

            using var response = await http.GetAsync("metrics");
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            Assert.True(Hosts.Sample(text, "syncgrid_ingest_records_total", "source=\"store-b-events\"", "outcome=\"applied\"") >= 1, Excerpt(text, "syncgrid_ingest"));
            Assert.True(Hosts.Sample(text, "syncgrid_ingest_records_total", "source=\"store-b-events\"", "outcome=\"unchanged\"") >= 1, Excerpt(text, "syncgrid_ingest"));
            Assert.True(Hosts.Sample(text, "syncgrid_merge_records_total", "entity=\"company\"", "outcome=\"applied\"") >= 1, Excerpt(text, "syncgrid_merge"));
            Assert.True(Hosts.Sample(text, "syncgrid_merge_records_total", "entity=\"contact\"", "outcome=\"applied\"") >= 1, Excerpt(text, "syncgrid_merge"));
            Assert.True(Hosts.Sample(text, "syncgrid_rejects_records_total", "store=\"store-b\"", "reason=\"tin.checksum\"") >= 1, Excerpt(text, "syncgrid_rejects"));
            Assert.True(Hosts.Sample(text, "syncgrid_register_prefilter_skips_total", "source=\"store-b-events\"", "reason=\"tin.checksum\"") >= 1, Excerpt(text, "syncgrid_register"));
            Assert.Contains("\norleans_", text, StringComparison.Ordinal);
            Assert.Contains("\ndotnet_", text, StringComparison.Ordinal);

            var live = await Hosts.HealthAsync(http, "health/live");
            Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.Code, live.Status));
            var ready = await Hosts.WaitForHealthAsync(http, "health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(10));
            Assert.Equal("Healthy", ready.Checks["orleans"]);
            Assert.DoesNotContain("mariadb", ready.Checks.Keys);
            Assert.DoesNotContain("kafka", ready.Checks.Keys);

            // Neither the metrics nor the health endpoints ask for the token; the API still does.
            using var api = await http.GetAsync("api/v1/companies/counts");
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task SiloWithoutApi_PrometheusUrl_OwnListenerServesMetricsAndHealth()
    {
        var settings = Hosts.Silo(Sample.FreePort(), Sample.FreePort());
        settings["Telemetry:PrometheusUrl"] = "http://127.0.0.1:0";
        using var host = await Hosts.StartSiloAsync(settings);
        try
        {
            using var http = Hosts.Client(Hosts.ListenerUrl(host));
            var tin = Sample.NewTin();
            await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICompanyGrain>(tin).SubmitAsync(Sample.Company(tin, 0));

            var text = await http.GetStringAsync("metrics");

            Assert.True(Hosts.Sample(text, "syncgrid_merge_records_total", "entity=\"company\"", "outcome=\"applied\"") >= 1, Excerpt(text, "syncgrid_merge"));
            Assert.Contains("\norleans_", text, StringComparison.Ordinal);
            var ready = await Hosts.WaitForHealthAsync(http, "health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(10));
            Assert.Equal("Healthy", ready.Checks["orleans"]);
            Assert.Equal(HttpStatusCode.OK, (await Hosts.HealthAsync(http, "health/live")).Code);
            using var api = await http.GetAsync("api/v1/companies/counts");
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Silo_TelemetryDisabled_NoMetricsEndpointButHealth()
    {
        var settings = Hosts.Silo(Sample.FreePort(), Sample.FreePort());
        settings["Telemetry:Enabled"] = "false";
        settings["Telemetry:PrometheusUrl"] = "http://127.0.0.1:0";
        using var host = await Hosts.StartSiloAsync(settings);
        try
        {
            using var http = Hosts.Client(Hosts.ListenerUrl(host));

            using var metrics = await http.GetAsync("metrics");

            Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Hosts.HealthAsync(http, "health/live")).Code);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Theory]
    [InlineData("Telemetry:PrometheusUrl", "localhost:9464", "Telemetry:PrometheusUrl")]
    [InlineData("Telemetry:OtlpEndpoint", "collector:4317", "Telemetry:OtlpEndpoint")]
    [InlineData("Telemetry:OtlpProtocol", "udp", "Telemetry:OtlpProtocol")]
    [InlineData("Telemetry:HealthCheckTimeout", "00:00:00", "Telemetry:HealthCheckTimeout")]
    public async Task Silo_BadTelemetrySetting_StartupStopsNamingIt(string key, string value, string named)
    {
        var settings = Hosts.Silo(Sample.FreePort(), Sample.FreePort());
        settings[key] = value;
        using var host = Cli.Hosting.SiloHost.Build(null, overrides: settings);

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static string Excerpt(string exposition, string prefix) =>
        "metrics: " + string.Join(" | ", exposition.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Take(20));
}
