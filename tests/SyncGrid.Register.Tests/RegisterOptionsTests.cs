namespace SyncGrid.Register.Tests;

public sealed class RegisterOptionsTests
{
    [Fact]
    public void Validate_MissingUrlAndKey_FailsNamingBoth()
    {
        var result = new RegisterOptionsValidator().Validate(null, new RegisterOptions());

        Assert.True(result.Failed);
        Assert.Contains("BaseUrl", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ApiKey", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RateAboveRange_Fails()
    {
        var options = new RegisterOptions { BaseUrl = "http://127.0.0.1:1", ApiKey = "k", RequestsPerSecond = 5000 };

        Assert.True(new RegisterOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void Validate_Defaults_PaceBelowTheRegisterLimit()
    {
        var options = new RegisterOptions { BaseUrl = "http://127.0.0.1:1", ApiKey = "k" };

        Assert.True(new RegisterOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(options.RequestsPerSecond < 30);
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        var options = new RegisterOptions { BaseUrl = "http://127.0.0.1:1", ApiKey = "secret-key-123" };

        Assert.DoesNotContain("secret-key-123", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", options.ToString(), StringComparison.Ordinal);
    }
}
