using System.Text.Json;

namespace SyncGrid.Sandbox.Tests.Bitrix24;

public class Bitrix24SandboxBatchTests
{
    [Fact]
    public async Task Batch_FiftyOneCommands_RunsFiftyAndRejectsTheRest()
    {
        await using var portal = await PortalConnection.StartAsync();
        var cmd = Enumerable.Range(0, 51).ToDictionary(i => $"c{i}", i => $"crm.company.add?fields[TITLE]=T{i}");
        var result = await portal.ResultAsync("batch", new { cmd });
        Assert.Equal(50, result!["result"]!.AsObject().Count);
        Assert.Equal("ERROR_BATCH_LENGTH_EXCEEDED", (string?)result["result_error"]!["c50"]!["error"]);
        Assert.Equal(50, portal.Sandbox.Inspect().EntityCounts["company"]);
    }

    [Fact]
    public async Task Counts_AfterBatchAndSingleCalls_AgreeWithInspectAndCountEveryMethodRun()
    {
        await using var portal = await PortalConnection.StartAsync();
        var cmd = Enumerable.Range(0, 3).ToDictionary(i => $"c{i}", i => $"crm.company.add?fields[TITLE]=T{i}");
        cmd["list"] = "crm.company.list";
        await portal.ResultAsync("batch", new { cmd });
        await portal.AddAsync("crm.contact.add", new { NAME = "Анна" });

        var counts = portal.Sandbox.Counts();
        var inspection = portal.Sandbox.Inspect();

        Assert.Equal(inspection.EntityCounts, counts.EntityCounts);
        Assert.Equal(3, counts.EntityCounts["company"]);
        Assert.Equal(5, counts.Commands);
        var byMethod = counts.CommandsByMethod();
        Assert.Equal(3, byMethod["crm.company.add"]);
        Assert.Equal(1, byMethod["crm.company.list"]);
        Assert.Equal(1, byMethod["crm.contact.add"]);
        Assert.False(byMethod.ContainsKey("batch"), string.Join(", ", byMethod.Keys));
        Assert.Equal(0, counts.QueryLimitErrors + counts.OperatingLimitErrors);
    }

    [Fact]
    public async Task Batch_AllSucceed_SerialisesEmptyMapsAsArrays()
    {
        await using var portal = await PortalConnection.StartAsync();
        var result = await portal.ResultAsync("batch", new { cmd = new { a = "crm.company.add?fields[TITLE]=A" } });
        Assert.Equal(JsonValueKind.Array, result!["result_error"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Array, result["result_next"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, result["result"]!["a"]!.GetValueKind());
    }

    [Fact]
    public async Task Batch_HaltOnError_StopsAfterFirstFailure()
    {
        await using var portal = await PortalConnection.StartAsync();
        var cmd = new Dictionary<string, string>
        {
            ["ok"] = "crm.company.add?fields[TITLE]=A",
            ["bad"] = "crm.company.get?id=999",
            ["later"] = "crm.company.add?fields[TITLE]=B",
        };
        var halted = await portal.ResultAsync("batch", new { halt = 1, cmd });
        Assert.Equal("Not found", (string?)halted!["result_error"]!["bad"]!["error_description"]);
        Assert.Null(halted["result"]!["later"]);

        var all = await portal.ResultAsync("batch", new { halt = "false", cmd }); // PHP: the string "false" is truthy
        Assert.Null(all!["result"]!["later"]);
        all = await portal.ResultAsync("batch", new { halt = 0, cmd });
        Assert.NotNull(all!["result"]!["later"]);
    }

    [Fact]
    public async Task Batch_NestedBatch_IsNotAllowed()
    {
        await using var portal = await PortalConnection.StartAsync();
        var result = await portal.ResultAsync("batch", new { cmd = new { inner = "batch?cmd[x]=crm.company.list" } });
        Assert.Equal("ERROR_BATCH_METHOD_NOT_ALLOWED", (string?)result!["result_error"]!["inner"]!["error"]);
        Assert.Equal(JsonValueKind.Array, result["result"]!.GetValueKind());
    }

    [Fact]
    public async Task Batch_ResultReference_SubstitutesNewId()
    {
        await using var portal = await PortalConnection.StartAsync();
        var result = await portal.ResultAsync("batch", new
        {
            cmd = new Dictionary<string, string>
            {
                ["co"] = "crm.company.add?fields[TITLE]=Acme",
                ["rq"] = "crm.requisite.add?fields[ENTITY_TYPE_ID]=4&fields[ENTITY_ID]=$result[co]&fields[PRESET_ID]=1&fields[NAME]=Acme&fields[RQ_INN]=7700000000",
                ["title"] = "crm.company.update?id=$result[co]&fields[TITLE]=T-$result[co]-x",
            },
        });
        Assert.Equal(JsonValueKind.Number, result!["result"]!["rq"]!.GetValueKind());
        var company = await portal.ResultAsync("crm.company.get", new { id = 1 });
        Assert.Equal("T-1", (string?)company!["TITLE"]);
    }

    [Fact]
    public async Task Batch_ReferenceToFailedCommand_ResolvesToWholeMap()
    {
        await using var portal = await PortalConnection.StartAsync();
        var result = await portal.ResultAsync("batch", new
        {
            cmd = new Dictionary<string, string>
            {
                ["co"] = "crm.company.get?id=404",
                ["rq"] = "crm.requisite.add?fields[ENTITY_TYPE_ID]=4&fields[ENTITY_ID]=$result[co]&fields[PRESET_ID]=1&fields[NAME]=X",
            },
        });
        Assert.Equal("ENTITY_ID is not defined or invalid.", (string?)result!["result_error"]!["rq"]!["error_description"]);
    }

    [Fact]
    public async Task Batch_KeysetReferenceIntoShortPage_ReturnsFirstPageAgain()
    {
        await using var portal = await PortalConnection.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            await portal.AddAsync("crm.company.add", new { TITLE = $"C{i}" });
        }

        var result = await portal.ResultAsync("batch", new
        {
            cmd = new Dictionary<string, string>
            {
                ["p1"] = "crm.company.list?order[ID]=ASC&filter[>ID]=0&start=-1&select[]=ID",
                ["p2"] = "crm.company.list?order[ID]=ASC&filter[>ID]=$result[p1][49][ID]&start=-1&select[]=ID",
            },
        });
        Assert.Equal(10, result!["result"]!["p1"]!.AsArray().Count);
        // The pitfall: [49] does not exist, the reference resolves to the whole page, the filter breaks, rows repeat.
        Assert.Equal(10, result["result"]!["p2"]!.AsArray().Count);
        Assert.Equal("1", (string?)result["result"]!["p2"]![0]!["ID"]);
    }
}
