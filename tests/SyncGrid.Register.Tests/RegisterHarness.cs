using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Register;
using SyncGrid.Sandbox.Register;

namespace SyncGrid.Register.Tests;

/// <summary>A sandbox on loopback and a register client wired exactly as a host wires it, with a fake log and metric collectors.</summary>
internal sealed class RegisterHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private RegisterHarness(RegisterSandbox sandbox, ServiceProvider services)
    {
        Sandbox = sandbox;
        _services = services;
        Client = services.GetRequiredService<IRegisterClient>();
        Health = services.GetRequiredService<RegisterHealth>();
        Logs = services.GetFakeLogCollector();
        var meters = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        Alerts = new MetricCollector<long>(meters, RegisterMetrics.MeterName, RegisterMetrics.AlertsInstrument);
        Lookups = new MetricCollector<long>(meters, RegisterMetrics.MeterName, RegisterMetrics.LookupsInstrument);
    }

    public RegisterSandbox Sandbox { get; }

    public IRegisterClient Client { get; }

    public RegisterHealth Health { get; }

    public FakeLogCollector Logs { get; }

    public MetricCollector<long> Alerts { get; }

    public MetricCollector<long> Lookups { get; }

    public static async Task<RegisterHarness> StartAsync(
        RegisterSandboxOptions? sandboxOptions = null,
        double requestsPerSecond = 200,
        int retries = 3,
        TimeSpan? timeout = null,
        string? apiKey = null)
    {
        sandboxOptions ??= new RegisterSandboxOptions();
        if (sandboxOptions.Latency == TimeSpan.FromMilliseconds(400))
        {
            sandboxOptions.Latency = TimeSpan.FromMilliseconds(5);
        }

        var sandbox = await RegisterSandbox.StartAsync(sandboxOptions);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Register:BaseUrl"] = sandbox.BaseUrl,
            ["Register:ApiKey"] = apiKey ?? sandbox.ApiKey,
            ["Register:RequestsPerSecond"] = requestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Register:MaxRetryAttempts"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Register:RetryBaseDelay"] = "00:00:00.020",
            ["Register:Timeout"] = (timeout ?? TimeSpan.FromSeconds(5)).ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddRegisterClient(configuration.GetSection("Register"));
        return new RegisterHarness(sandbox, services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public Task<RegisterLookup> FindAsync(string tin, string? kpp = null) =>
        Client.FindPartyAsync(Tin.Parse(tin).Value, kpp is null ? null : Kpp.Parse(kpp).Value, TestContext.Token);

    public async ValueTask DisposeAsync()
    {
        Alerts.Dispose();
        Lookups.Dispose();
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}

/// <summary>The cancellation token of the running test.</summary>
internal static class TestContext
{
    public static CancellationToken Token => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;
}
