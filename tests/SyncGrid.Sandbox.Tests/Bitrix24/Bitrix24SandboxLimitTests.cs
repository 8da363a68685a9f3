using System.Net;
using SyncGrid.Sandbox.Bitrix24;

namespace SyncGrid.Sandbox.Tests.Bitrix24;

public class Bitrix24SandboxLimitTests
{
    [Fact]
    public async Task Call_BurstAboveBucket_Returns503AndExecutesNothing()
    {
        await using var portal = await PortalConnection.StartAsync(o => o.BucketBurst = null);
        for (var i = 0; i < 50; i++)
        {
            await portal.AddAsync("crm.company.add", new { TITLE = $"C{i}" });
        }

        var (status, body) = await portal.CallAsync("crm.company.add", new { fields = new { TITLE = "over" } });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("QUERY_LIMIT_EXCEEDED", (string?)body!["error"]);
        Assert.Equal("Too many requests", (string?)body["error_description"]);
        var inspection = portal.Sandbox.Inspect();
        Assert.Equal(50, inspection.EntityCounts["company"]);
        Assert.Equal(1, inspection.QueryLimitErrors);
    }

    [Fact]
    public async Task Call_AfterDrainTime_Recovers()
    {
        await using var portal = await PortalConnection.StartAsync(o => o.BucketBurst = null);
        for (var i = 0; i < 51; i++)
        {
            await portal.CallAsync("crm.company.list");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await portal.CallAsync("crm.company.list")).Status);
        portal.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await portal.CallAsync("crm.company.list")).Status);
        Assert.InRange(portal.Sandbox.Inspect().BucketLevels.Values.Single(), 49, 51);
    }

    [Fact]
    public async Task Batch_OfFiftyCommands_CountsOnceInBucket()
    {
        await using var portal = await PortalConnection.StartAsync(o => o.BucketBurst = null);
        var cmd = Enumerable.Range(0, 50).ToDictionary(i => $"c{i}", i => $"crm.company.add?fields[TITLE]=B{i}");
        await portal.ResultAsync("batch", new { halt = 0, cmd });
        Assert.Equal(1, portal.Sandbox.Inspect().BucketLevels.Values.Single());
        Assert.Equal(50, portal.Sandbox.Inspect().EntityCounts["company"]);
    }

    [Fact]
    public async Task Call_OverOperatingLimit_Returns429UntilBucketExpires()
    {
        await using var portal = await PortalConnection.StartAsync(o =>
        {
            o.OperatingLimitSeconds = 10;
            o.ConfigureFaults = f => f.SetLatency("crm.company.list", TimeSpan.FromSeconds(6));
        });
        var first = await portal.CallAsync("crm.company.list");
        Assert.Equal(6, (double)first.Body!["time"]!["operating"]!);
        var resetAt = (long)first.Body["time"]!["operating_reset_at"]!;
        Assert.Equal(portal.Time.GetUtcNow().ToUnixTimeSeconds() + 600, resetAt);

        Assert.Equal(HttpStatusCode.OK, (await portal.CallAsync("crm.company.list")).Status);
        var (status, body) = await portal.CallAsync("crm.company.list");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("OPERATION_TIME_LIMIT", (string?)body!["error"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await portal.CallAsync("crm.company.get", new { id = 1 })).Status);

        portal.Time.Advance(TimeSpan.FromSeconds(601));
        Assert.Equal(HttpStatusCode.OK, (await portal.CallAsync("crm.company.list")).Status);
    }

    [Fact]
    public async Task Batch_NestedCommandsOverOperatingLimit_ChargedPerMethodNotBatch()
    {
        await using var portal = await PortalConnection.StartAsync(o =>
        {
            o.OperatingLimitSeconds = 1;
            o.ConfigureFaults = f => f.SetLatency("crm.company.list", TimeSpan.FromSeconds(0.6));
        });
        var cmd = new Dictionary<string, string> { ["a"] = "crm.company.list", ["b"] = "crm.company.list" };
        var first = await portal.CallAsync("batch", new { cmd });
        Assert.Equal(0, (double)first.Body!["time"]!["operating"]!);
        Assert.Equal(1.2, (double)first.Body["result"]!["result_time"]!["b"]!["operating"]!, 3);

        var second = await portal.ResultAsync("batch", new { cmd });
        Assert.Equal("OPERATION_TIME_LIMIT", (string?)second!["result_error"]!["a"]!["error"]);
        Assert.Equal(HttpStatusCode.OK, (await portal.CallAsync("crm.company.list")).Status);
    }

    [Fact]
    public async Task Call_QueryLimitStorm_RefusesNextRequests()
    {
        await using var portal = await PortalConnection.StartAsync();
        portal.Sandbox.Faults.StartQueryLimitStorm(2, TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await portal.CallAsync("crm.company.list")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await portal.CallAsync("crm.company.list")).Status);
        Assert.Equal(HttpStatusCode.OK, (await portal.CallAsync("crm.company.list")).Status);
    }

    [Fact]
    public async Task Call_ForcedOperatingBlock_Returns429ForThatMethodOnly()
    {
        await using var portal = await PortalConnection.StartAsync(o => o.ConfigureFaults = f => f.ForceOperatingBlock("crm.contact.list", TimeSpan.FromMinutes(1)));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await portal.CallAsync("crm.contact.list")).Status);
        Assert.Equal(HttpStatusCode.OK, (await portal.CallAsync("crm.company.list")).Status);
        portal.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await portal.CallAsync("crm.contact.list")).Status);
        Assert.Equal(1, portal.Sandbox.Inspect().OperatingLimitErrors);
    }

    [Fact]
    public async Task Add_FailAfterCommit_ReturnsErrorButCommits()
    {
        await using var portal = await PortalConnection.StartAsync(o => o.ConfigureFaults = f => f.SetFailAfterCommit("crm.company.add", 1));
        var (status, _) = await portal.CallAsync("crm.company.add", new { fields = new { TITLE = "Acme", ORIGINATOR_ID = "sg", ORIGIN_ID = "A-1" } });
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        portal.Sandbox.Faults.Reset();
        await portal.AddAsync("crm.company.add", new { TITLE = "Acme", ORIGINATOR_ID = "sg", ORIGIN_ID = "A-1" });

        var duplicate = Assert.Single(portal.Sandbox.Inspect().OriginDuplicates);
        Assert.Equal(new[] { 1, 2 }, duplicate.Ids);
    }

    [Fact]
    public async Task Add_FailAfterCommitDrop_AbortsConnectionButCommits()
    {
        await using var portal = await PortalConnection.StartAsync(o => o.ConfigureFaults = f => f.SetFailAfterCommit("crm.contact.add", 1, Bitrix24CommitFailure.Drop));
        await Assert.ThrowsAsync<HttpRequestException>(() => portal.CallAsync("crm.contact.add", new { fields = new { NAME = "Ann" } }));
        Assert.Equal(1, portal.Sandbox.Inspect().EntityCounts["contact"]);
    }

    [Fact]
    public async Task Add_FailBeforeCommit_WritesNothing()
    {
        await using var portal = await PortalConnection.StartAsync(o => o.ConfigureFaults = f => f.SetFailBeforeCommit("crm.company.add", 1));
        var (status, _) = await portal.CallAsync("crm.company.add", new { fields = new { TITLE = "Acme" } });
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.False(portal.Sandbox.Inspect().EntityCounts.TryGetValue("company", out var n) && n > 0);
    }
}
