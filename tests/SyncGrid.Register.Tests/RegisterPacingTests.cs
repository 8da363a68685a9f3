using SyncGrid.Domain.Register;
using SyncGrid.Sandbox.Register;

namespace SyncGrid.Register.Tests;

/// <summary>Timing measurements run alone, so other tests' load does not blur the request timestamps.</summary>
[CollectionDefinition(nameof(RegisterPacingTests), DisableParallelization = true)]
public sealed class RegisterPacingRunsAlone;

[Collection(nameof(RegisterPacingTests))]
public sealed class RegisterPacingTests
{
    [Fact]
    public async Task FindPartyAsync_ManyConcurrentCallers_NeverExceedTheConfiguredRate()
    {
        const int rate = 20;
        await using var h = await RegisterHarness.StartAsync(new RegisterSandboxOptions { Latency = TimeSpan.FromMilliseconds(50), RateLimitPerSecond = 1000 }, requestsPerSecond: rate);

        var lookups = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => h.FindAsync("7707083893")));

        Assert.All(lookups, l => Assert.IsType<RegisterLookup.Found>(l));
        var times = h.Sandbox.RequestTimes;
        Assert.Equal(50, times.Count);
        var busiest = times.Max(start => times.Count(t => t >= start && t < start + TimeSpan.FromSeconds(1)));
        Assert.True(busiest <= rate, $"busiest one-second window held {busiest} requests; the configured rate is {rate}");
        Assert.True(times[^1] - times[0] >= TimeSpan.FromSeconds(49.0 / rate * 0.9), $"50 requests spread over {times[^1] - times[0]}");
    }
}
