using System.Text.Json;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Tests.Bitrix24;

public sealed class Bitrix24GatewayGrainTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ExecuteAsync_ThousandsOfCommandsFromManyCallers_FullBatchesNoRefusalGroupsWhole()
    {
        var gateway = fixture.Grains.GetGrain<IBitrix24GatewayGrain>("volume");
        var before = fixture.Portal.Batches.Count;
        var refusalsBefore = fixture.Portal.Refusals;
        var groups = Enumerable.Range(0, 1500).Select(i => Group(i, size: 1 + (i % 3))).ToList();

        var results = await Task.WhenAll(groups.Select(g => gateway.ExecuteAsync(g)));

        Assert.All(results.SelectMany(r => r), r => Assert.Equal(Bitrix24Outcome.Ok, r.Outcome));
        var batches = fixture.Portal.Batches.Skip(before).ToList();
        Assert.All(batches, b => Assert.InRange(b.Count, 1, 50));
        Assert.Equal(groups.Sum(g => g.Count), batches.Sum(b => b.Count));
        Assert.True(batches.Average(b => b.Count) > 25, $"1,500 groups of 1-3 commands must be coalesced into large batches; average {batches.Average(b => b.Count):N1}");
        Assert.Equal(refusalsBefore, fixture.Portal.Refusals);

        // Every caller got its own commands' results, in order, from one batch (a group is never split).
        for (var i = 0; i < groups.Count; i++)
        {
            var texts = results[i].Select(r => JsonSerializer.Deserialize<string>(r.ResultJson!)!).ToList();
            Assert.Equal(groups[i].Select(c => c.Method), texts.Select(t => t.Split('|')[1].Split('?')[0]));
            Assert.Single(texts.Select(t => t.Split('|')[0][..t.Split('|')[0].LastIndexOf('c')]).Distinct());
        }
    }

    [Fact]
    public async Task ExecuteAsync_ReferenceToEarlierCommand_RewrittenToItsBatchKey()
    {
        var gateway = fixture.Grains.GetGrain<IBitrix24GatewayGrain>("refs");
        var group = new ValueList<Bitrix24Command>(
        [
            new Bitrix24Command("crm.company.add", Bitrix24Query.Encode(new Dictionary<string, object?> { ["fields"] = new Dictionary<string, object?> { ["TITLE"] = "ООО Ромашка" } })),
            new Bitrix24Command("crm.requisite.add", Bitrix24Query.Encode(new Dictionary<string, object?> { ["fields"] = new Dictionary<string, object?> { ["ENTITY_ID"] = Bitrix24Ref.To(0) } })),
        ]);

        var results = await gateway.ExecuteAsync(group);

        var company = JsonSerializer.Deserialize<string>(results[0].ResultJson!)!.Split('|')[0];
        var requisite = JsonSerializer.Deserialize<string>(results[1].ResultJson!)!.Split('|')[1];
        Assert.Contains(Uri.EscapeDataString($"$result[{company}]"), requisite, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_OperatingLimitedMethod_HeldBackOthersFlow()
    {
        var gateway = fixture.Grains.GetGrain<IBitrix24GatewayGrain>("operating");
        fixture.Portal.OperatingBlockedMethod = "crm.requisite.list";
        try
        {
            var blocked = await gateway.ExecuteAsync([new Bitrix24Command("crm.requisite.list", string.Empty)]);
            Assert.Equal(Bitrix24Outcome.OperatingLimited, blocked[0].Outcome);

            var held = gateway.ExecuteAsync([new Bitrix24Command("crm.requisite.list", string.Empty)]);
            var other = await gateway.ExecuteAsync([new Bitrix24Command("crm.company.list", string.Empty)]);

            Assert.Equal(Bitrix24Outcome.Ok, other[0].Outcome);
            Assert.False(held.IsCompleted, "a method blocked by its operating limit must wait for the reset");
            var stats = await gateway.GetStatsAsync();
            Assert.Equal(1, stats.BlockedMethods);
            Assert.Equal(1, stats.OperatingLimitErrors);
        }
        finally
        {
            fixture.Portal.OperatingBlockedMethod = null;
        }
    }

    [Fact]
    public async Task ExecuteAsync_AnswerLost_EveryCommandUnknownNothingRetried()
    {
        var gateway = fixture.Grains.GetGrain<IBitrix24GatewayGrain>("lost");
        var before = fixture.Portal.Batches.Count;
        fixture.Portal.LoseAnswers = true;
        try
        {
            var results = await gateway.ExecuteAsync(Group(1, 3));

            Assert.All(results, r => Assert.Equal(Bitrix24Outcome.Unknown, r.Outcome));
            Assert.Equal(before + 1, fixture.Portal.Batches.Count);
            Assert.Equal(1, (await gateway.GetStatsAsync()).LostAnswers);
        }
        finally
        {
            fixture.Portal.LoseAnswers = false;
        }
    }

    [Fact]
    public async Task ExecuteAsync_RateLimitStorm_RequeuedRunOnceAfterBackoff()
    {
        var gateway = fixture.Grains.GetGrain<IBitrix24GatewayGrain>("storm");
        var refusalsBefore = fixture.Portal.Refusals;
        var before = fixture.Portal.Batches.Count;
        Interlocked.Exchange(ref fixture.Portal.ForcedRefusals, 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => gateway.ExecuteAsync(Group(i, 2))));

        Assert.All(results.SelectMany(r => r), r => Assert.Equal(Bitrix24Outcome.Ok, r.Outcome));
        Assert.Equal(2, fixture.Portal.Refusals - refusalsBefore);
        Assert.Equal(40, fixture.Portal.Batches.Skip(before).Sum(b => b.Count)); // each command ran exactly once
        Assert.Equal(2, (await gateway.GetStatsAsync()).RateLimitErrors);
    }

    [Fact]
    public async Task ExecuteAsync_OversizedGroup_Refused()
    {
        var gateway = fixture.Grains.GetGrain<IBitrix24GatewayGrain>("oversized");

        await Assert.ThrowsAsync<ArgumentException>(() => gateway.ExecuteAsync(Group(0, 51)));
    }

    private static ValueList<Bitrix24Command> Group(int i, int size) => new(Enumerable.Range(0, size)
        .Select(c => new Bitrix24Command(c == 0 ? "crm.company.add" : "crm.requisite.add", Bitrix24Query.Encode(new Dictionary<string, object?> { ["fields"] = new Dictionary<string, object?> { ["TITLE"] = $"T{i}.{c}" } }))));
}
