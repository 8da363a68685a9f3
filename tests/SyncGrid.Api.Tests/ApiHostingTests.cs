using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SyncGrid.Api.Tests;

public sealed class ApiHostingTests
{
    [Theory]
    [InlineData(null, "Api:Token is required")]
    [InlineData("tiny-secret", "Api:Token must be at least 16 characters")]
    public async Task AddSyncGridApiHost_TokenMissingOrShort_StartupStopsNamingApiToken(string? token, string message)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Api:Token"] = token, ["Api:Urls"] = "http://127.0.0.1:0" });
        builder.Services.AddSyncGridApiHost(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tiny-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSyncGridApiHost_SyncPortalSet_GatewayPortalFollowsIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sync:Portal"] = "acme", ["Api:Token"] = "0123456789abcdef" }).Build();
        using var services = new ServiceCollection().AddSyncGridApiHost(configuration).BuildServiceProvider();

        Assert.Equal("acme", services.GetRequiredService<IOptions<SyncGridApiOptions>>().Value.Portal);
    }
}
