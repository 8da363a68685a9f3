using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SyncGrid.Cli.Hosting;

namespace SyncGrid.Cli.Tests;

public class StoreAHostingTests
{
    [Fact]
    public void ReadOptions_NoConnectionString_StoreANotRead()
    {
        Assert.Null(StoreAHosting.ReadOptions(Configuration(("Sources:StoreA:PageSize", "10"))));
    }

    [Fact]
    public void ReadOptions_Configured_ValuesBound()
    {
        var options = StoreAHosting.ReadOptions(Configuration(
            ("Sources:StoreA:ConnectionString", "Server=replica;Database=store_a"),
            ("Sources:StoreA:PageSize", "250"),
            ("Sources:StoreA:OverlapWindow", "00:00:30"),
            ("Sources:StoreA:Topic", "syncgrid.store-a.staging"),
            ("Kafka:BootstrapServers", "kafka:9092")));

        Assert.NotNull(options);
        Assert.Equal(250, options.PageSize);
        Assert.Equal(TimeSpan.FromSeconds(30), options.OverlapWindow);
        Assert.Equal("syncgrid.store-a.staging", options.Topic);
        Assert.Equal(5000, options.RowsPerSecond);
    }

    [Theory]
    [InlineData("Sources:StoreA:PageSize", "0", "Sources:StoreA:PageSize")]
    [InlineData("Sources:StoreA:Topic", "store-a", "Sources:StoreA:Topic")]
    [InlineData("Sources:StoreA:TimeZone", "Europe/Atlantis", "Sources:StoreA:TimeZone")]
    [InlineData("Kafka:BootstrapServers", "", "Kafka:BootstrapServers")]
    public void ReadOptions_BadValue_StopsStartUpNamingTheSetting(string key, string value, string named)
    {
        var configuration = Configuration(("Sources:StoreA:ConnectionString", "Server=replica"), ("Kafka:BootstrapServers", "kafka:9092"), (key, value));

        var error = Assert.Throws<OptionsValidationException>(() => StoreAHosting.ReadOptions(configuration));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Server=replica", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.GroupBy(v => v.Key).Select(g => new KeyValuePair<string, string?>(g.Key, g.Last().Value))).Build();
}
