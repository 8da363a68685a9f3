using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SyncGrid.Domain.RetailCrm;
using SyncGrid.Sandbox.RetailCrm;

namespace SyncGrid.Orders.Tests.RetailCrm;

/// <summary>A RetailCRM sandbox and the client wired exactly as a host wires it.</summary>
internal sealed class RetailCrmHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private RetailCrmHarness(RetailCrmSandbox sandbox, ServiceProvider services)
    {
        Sandbox = sandbox;
        _services = services;
        Client = services.GetRequiredService<IRetailCrmClient>();
    }

    public RetailCrmSandbox Sandbox { get; }

    public IRetailCrmClient Client { get; }

    public static async Task<RetailCrmHarness> StartAsync(RetailCrmSandboxOptions? options = null, double clientRate = 8, string? apiKey = null, string? baseUrl = null, int retries = 4)
    {
        var sandbox = await RetailCrmSandbox.StartAsync(options ?? new RetailCrmSandboxOptions());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RetailCrm:BaseUrl"] = baseUrl ?? sandbox.BaseUrl,
            ["RetailCrm:ApiKey"] = apiKey ?? sandbox.ApiKey,
            ["RetailCrm:RequestsPerSecond"] = clientRate.ToString(CultureInfo.InvariantCulture),
            ["RetailCrm:RetryBaseDelay"] = "00:00:00.050",
            ["RetailCrm:ReadRetries"] = retries.ToString(CultureInfo.InvariantCulture),
            ["RetailCrm:Timeout"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddRetailCrmClient(configuration.GetSection("RetailCrm")).BuildServiceProvider();
        return new RetailCrmHarness(sandbox, services);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
