using System.Diagnostics;
using SyncGrid.Domain.RetailCrm;
using SyncGrid.Sandbox.RetailCrm;

namespace SyncGrid.Orders.Tests.RetailCrm;

/// <summary>The client's pacing against the account's token bucket (spec §8.4 item 2).</summary>
[Collection(PacingTestGroup.Name)]
public sealed class RetailCrmPacingTests
{
    [Fact]
    public async Task Pacing_EightConcurrentWorkersAtTheDefaultLimits_NoRateLimitHits()
    {
        await using var h = await RetailCrmHarness.StartAsync(new RetailCrmSandboxOptions { BuiltInShop = true });
        var ids = h.Sandbox.ListOrders().Select(o => o.Id).Take(24).ToList();
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var mine = new List<RetailCrmResult<RetailCrmOrder>>();
            foreach (var id in ids.Where((_, i) => i % 8 == w))
            {
                mine.Add(await h.Client.GetOrderAsync(id));
            }

            return mine;
        })));
        watch.Stop();
        Assert.All(results.SelectMany(r => r), r => Assert.True(r.IsOk, r.ToString()));
        // Starts are spaced 125 ms apart; only transit jitter (connections opening on a loaded machine) can bring two
        // arrivals within the account's 100 ms, and such a refusal is retried.
        Assert.True(h.Sandbox.Inspect().LimitHits <= 1, $"limit hits: {h.Sandbox.Inspect().LimitHits}");
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2.5), $"24 requests at 8/s take about 3 s, took {watch.Elapsed}");
    }
}
