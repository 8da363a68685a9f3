using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SyncGrid.Domain.Register;
using SyncGrid.Sandbox.Register;

namespace SyncGrid.Register.Tests;

public sealed class RegisterClientTests
{
    [Fact]
    public async Task FindPartyAsync_KnownActiveCompany_ReturnsItsVerdict()
    {
        await using var h = await RegisterHarness.StartAsync();

        var lookup = await h.FindAsync("7707083893");

        var verdict = Assert.IsType<RegisterLookup.Found>(lookup).Verdict;
        Assert.Equal(
            ("7707083893", "773601001", "1027700132195", RegisterPartyStatus.Active, RegisterPartyType.Legal),
            (verdict.Tin.Value, verdict.Kpp, verdict.Ogrn, verdict.Status, verdict.Type));
        Assert.Equal("ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО \"СБЕРБАНК РОССИИ\"", verdict.FullName);
        Assert.Equal("ПАО СБЕРБАНК", verdict.ShortName);
        Assert.Equal("ПАО", verdict.LegalForm);
        Assert.Equal("г Москва, ул Вавилова, д 19", verdict.Address);
        Assert.True(verdict.IsActive);
        Assert.Equal(1, h.Lookups.GetMeasurementSnapshot().Count(m => (string?)m.Tags["outcome"] == "found"));
    }

    [Fact]
    public async Task FindPartyAsync_UnknownTin_ReturnsNotFound()
    {
        await using var h = await RegisterHarness.StartAsync();

        var lookup = await h.FindAsync("673005784108");

        Assert.IsType<RegisterLookup.NotFound>(lookup);
        Assert.Equal(1, h.Sandbox.Stats.NotFound);
    }

    [Fact]
    public async Task FindPartyAsync_BranchKpp_ReturnsTheBranch()
    {
        await using var h = await RegisterHarness.StartAsync();

        var main = Assert.IsType<RegisterLookup.Found>(await h.FindAsync("7701000019")).Verdict;
        var branch = Assert.IsType<RegisterLookup.Found>(await h.FindAsync("7701000019", "500501001")).Verdict;

        Assert.Equal("770101001", main.Kpp);
        Assert.Equal("500501001", branch.Kpp);
        Assert.StartsWith("Московская обл", branch.Address, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7702000029", RegisterPartyStatus.Liquidated)]
    [InlineData("7703000039", RegisterPartyStatus.Bankrupt)]
    [InlineData("7704000049", RegisterPartyStatus.Liquidating)]
    [InlineData("5005000050", RegisterPartyStatus.Reorganizing)]
    public async Task FindPartyAsync_NonActiveCompany_IsFoundButNotActive(string tin, RegisterPartyStatus status)
    {
        await using var h = await RegisterHarness.StartAsync();

        var verdict = Assert.IsType<RegisterLookup.Found>(await h.FindAsync(tin)).Verdict;

        Assert.Equal(status, verdict.Status);
        Assert.False(verdict.IsActive, $"{tin}: {verdict.Status} must not pass");
    }

    [Theory]
    [InlineData(503, 2)]
    [InlineData(500, 1)]
    [InlineData(429, 1)]
    public async Task FindPartyAsync_TransientFailures_RetriesThenFinds(int status, int failures)
    {
        await using var h = await RegisterHarness.StartAsync();
        h.Sandbox.FailNext(failures, status);

        var lookup = await h.FindAsync("7707083893");

        Assert.IsType<RegisterLookup.Found>(lookup);
        Assert.Equal(failures + 1, h.Sandbox.Stats.Requests);
        Assert.Equal(failures, h.Sandbox.Stats.Count(status));
        Assert.False(h.Health.IsStopped);
    }

    [Fact]
    public async Task FindPartyAsync_RegisterDownForAWhile_UnavailableThenFoundAfterRecovery()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var h = await RegisterHarness.StartAsync(new RegisterSandboxOptions { Latency = TimeSpan.Zero, TimeProvider = clock }, retries: 2);
        h.Sandbox.StartOutage(TimeSpan.FromMinutes(5));

        var during = await h.FindAsync("7707083893");
        clock.Advance(TimeSpan.FromMinutes(6));
        var after = await h.FindAsync("7707083893");

        var unavailable = Assert.IsType<RegisterLookup.Unavailable>(during);
        Assert.Contains("503", unavailable.Reason, StringComparison.Ordinal);
        Assert.IsType<RegisterLookup.Found>(after);
        Assert.Equal(3, h.Sandbox.Stats.Count(503));
        Assert.False(h.Health.IsStopped);
        Assert.Empty(h.Alerts.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task FindPartyAsync_SlowRegister_TimesOutAsUnavailable()
    {
        await using var h = await RegisterHarness.StartAsync(
            new RegisterSandboxOptions { SlowRate = 1, SlowLatency = TimeSpan.FromSeconds(3) }, retries: 1, timeout: TimeSpan.FromMilliseconds(150));

        var lookup = await h.FindAsync("7707083893");

        Assert.Contains("in time", Assert.IsType<RegisterLookup.Unavailable>(lookup).Reason, StringComparison.Ordinal);
        Assert.Equal(2, h.Sandbox.Stats.Requests);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(400)]
    public async Task FindPartyAsync_RefusedByRegister_StopsLookupsAndRaisesOneAlert(int status)
    {
        await using var h = await RegisterHarness.StartAsync();
        h.Sandbox.FailNext(1, status);

        var first = await h.FindAsync("7707083893");
        var later = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => h.FindAsync("7736050003")));

        Assert.IsType<RegisterLookup.Refused>(first);
        Assert.All(later, l => Assert.IsType<RegisterLookup.Refused>(l));
        Assert.Equal(1, h.Sandbox.Stats.Requests);
        Assert.True(h.Health.Current.IsStopped);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), h.Health.Current.Reason, StringComparison.Ordinal);
        var alert = Assert.Single(h.Alerts.GetMeasurementSnapshot());
        Assert.Equal(status, alert.Tags["status"]);
        var error = Assert.Single(h.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Equal(4003, error.Id.Id);
        Assert.Contains("7707083893", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Logs.GetSnapshot(), r => r.Message.Contains(h.Sandbox.ApiKey, StringComparison.Ordinal));
        Assert.Equal(6, h.Lookups.GetMeasurementSnapshot().Count(m => (string?)m.Tags["outcome"] == "refused"));
    }

    [Fact]
    public async Task FindPartyAsync_AfterReset_LooksUpAgain()
    {
        await using var h = await RegisterHarness.StartAsync();
        h.Sandbox.FailNext(1, 401);
        Assert.IsType<RegisterLookup.Refused>(await h.FindAsync("7707083893"));

        h.Health.Reset();

        Assert.IsType<RegisterLookup.Found>(await h.FindAsync("7707083893"));
        Assert.Equal(2, h.Sandbox.Stats.Requests);
    }

    [Fact]
    public async Task FindPartyAsync_WrongKey_RefusedAndNoFurtherRequests()
    {
        await using var h = await RegisterHarness.StartAsync(apiKey: "not-the-key");

        var first = await h.FindAsync("7707083893");
        var second = await h.FindAsync("7707083893");

        Assert.Contains("403", Assert.IsType<RegisterLookup.Refused>(first).Reason, StringComparison.Ordinal);
        Assert.IsType<RegisterLookup.Refused>(second);
        Assert.Equal(1, h.Sandbox.Stats.Requests);
        Assert.DoesNotContain(h.Logs.GetSnapshot(), r => r.Message.Contains("not-the-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindPartyAsync_QuotaExhausted_StopsAfterTheFirst403()
    {
        await using var h = await RegisterHarness.StartAsync(new RegisterSandboxOptions { DailyQuota = 2 });

        var lookups = new List<RegisterLookup>();
        for (var i = 0; i < 5; i++)
        {
            lookups.Add(await h.FindAsync("7707083893"));
        }

        Assert.IsType<RegisterLookup.Found>(lookups[0]);
        Assert.IsType<RegisterLookup.Found>(lookups[1]);
        Assert.Contains("quota", Assert.IsType<RegisterLookup.Refused>(lookups[2]).Reason, StringComparison.Ordinal);
        Assert.All(lookups.Skip(3), l => Assert.IsType<RegisterLookup.Refused>(l));
        Assert.Equal(3, h.Sandbox.Stats.Requests);
        Assert.Single(h.Alerts.GetMeasurementSnapshot());
    }
}
