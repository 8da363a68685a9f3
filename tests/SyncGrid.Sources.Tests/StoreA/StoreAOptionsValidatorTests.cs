using SyncGrid.Sources.StoreA;

namespace SyncGrid.Sources.Tests.StoreA;

public class StoreAOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_WithAConnectionString_Succeed()
    {
        var result = new StoreAOptionsValidator().Validate(null, new StoreAOptions { ConnectionString = "Server=replica;Database=store_a" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(nameof(StoreAOptions.ConnectionString))]
    [InlineData(nameof(StoreAOptions.PageSize))]
    [InlineData(nameof(StoreAOptions.RowsPerSecond))]
    [InlineData(nameof(StoreAOptions.Topic))]
    [InlineData(nameof(StoreAOptions.TimeZone))]
    [InlineData(nameof(StoreAOptions.PollInterval))]
    public void Validate_BadValue_FailsNamingTheSetting(string setting)
    {
        var options = new StoreAOptions { ConnectionString = "Server=replica" };
        switch (setting)
        {
            case nameof(StoreAOptions.ConnectionString): options.ConnectionString = ""; break;
            case nameof(StoreAOptions.PageSize): options.PageSize = 0; break;
            case nameof(StoreAOptions.RowsPerSecond): options.RowsPerSecond = -5; break;
            case nameof(StoreAOptions.Topic): options.Topic = "sapcrm.partners"; break;
            case nameof(StoreAOptions.TimeZone): options.TimeZone = "Mars/Olympus"; break;
            case nameof(StoreAOptions.PollInterval): options.PollInterval = TimeSpan.Zero; break;
        }

        var result = new StoreAOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }
}
