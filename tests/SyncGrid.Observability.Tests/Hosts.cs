using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SyncGrid.Api.Hosting;
using SyncGrid.Cli.Hosting;
using SyncGrid.ServiceDefaults;

namespace SyncGrid.Observability.Tests;

/// <summary>Real <c>syncgrid silo</c> and <c>syncgrid api</c> hosts on free loopback ports, and the HTTP calls the tests make.</summary>
internal static class Hosts
{
    public const string Token = "observability-token-0123456789";

    /// <summary>Settings of an embedded-default silo (localhost clustering, in-memory state) on free ports.</summary>
    public static Dictionary<string, string?> Silo(int siloPort, int gatewayPort) => new()
    {
        ["Grid:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        ["Grid:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        ["Grid:ClusterId"] = "obs-" + gatewayPort.ToString(CultureInfo.InvariantCulture),
        ["Telemetry:HealthCheckTimeout"] = "00:00:03",
    };

    public static async Task<IHost> StartSiloAsync(Dictionary<string, string?> settings)
    {
        var host = SiloHost.Build(null, overrides: settings);
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    public static async Task<IHost> StartApiAsync(Dictionary<string, string?> settings)
    {
        var host = ApiHosting.Build(null, overrides: settings);
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>The base address of the API a host serves.</summary>
    public static Uri ApiUrl(IHost host) =>
        new(host.Services.GetServices<IHostedService>().OfType<SyncGridApiHostedService>().Single().Addresses[0] + "/");

    /// <summary>The base address of the <c>Telemetry:PrometheusUrl</c> listener of a host.</summary>
    public static Uri ListenerUrl(IHost host) => new(host.Services.GetRequiredService<TelemetryListener>().Addresses[0] + "/");

    public static HttpClient Client(Uri baseUrl) => new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A health answer: status code, overall status, and each check's status.</summary>
    public static async Task<(HttpStatusCode Code, string Status, Dictionary<string, string> Checks, string Body)> HealthAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var checks = json.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("status").GetString()!);
        return (response.StatusCode, json.RootElement.GetProperty("status").GetString()!, checks, body);
    }

    /// <summary>Polls a health endpoint until it answers <paramref name="code"/>, or fails with the last answer.</summary>
    public static async Task<(HttpStatusCode Code, string Status, Dictionary<string, string> Checks, string Body)> WaitForHealthAsync(HttpClient http, string path, HttpStatusCode code, TimeSpan deadline)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var health = await HealthAsync(http, path);
            if (health.Code == code)
            {
                return health;
            }

            if (watch.Elapsed > deadline)
            {
                Assert.Fail($"{path} did not answer {(int)code} within {deadline}; last answer {(int)health.Code}: {health.Body}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The value of one Prometheus sample line (<c>name{labels} value</c>) whose labels include all of <paramref name="labels"/>; 0 when absent.</summary>
    public static double Sample(string exposition, string name, params string[] labels)
    {
        var total = 0.0;
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(name + "{", StringComparison.Ordinal) && !line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                continue;
            }

            if (labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            {
                // name{labels} value [timestamp]
                var rest = line.Contains('{', StringComparison.Ordinal) ? line[(line.LastIndexOf('}') + 1)..] : line[name.Length..];
                total += double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }
}
