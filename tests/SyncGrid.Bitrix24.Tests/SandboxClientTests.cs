using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SyncGrid.Domain.Bitrix24;
using SyncGrid.Sandbox.Bitrix24;

namespace SyncGrid.Bitrix24.Tests;

/// <summary>The client against the sandbox portal on a loopback port: what passes here passes against a real portal.</summary>
public sealed class SandboxClientTests : IAsyncLifetime
{
    private Bitrix24Sandbox _sandbox = null!;
    private Bitrix24Client _client = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { WaitForLatency = false, BucketBurst = 1000, BucketDrainPerSecond = 1000, RandomSeed = 1 });
        _client = Client(_sandbox.WebhookUrl.ToString());
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task AddGetUpdate_PhoneSentTwiceThroughTheDiff_OneRow()
    {
        var id = (await _client.CallAsync(Command("crm.company.add", new()
        {
            ["fields"] = new Dictionary<string, object?>
            {
                ["TITLE"] = "ООО \"Ромашка\"",
                ["PHONE"] = new[] { Row("+74955005550", "WORK") },
                ["ORIGINATOR_ID"] = "syncgrid",
                ["ORIGIN_ID"] = "7707083893",
            },
        }))).AsId();
        Assert.NotNull(id);

        for (var round = 0; round < 2; round++)
        {
            var current = await _client.CallAsync(Command("crm.company.get", new() { ["id"] = id }));
            using var json = current.Parse()!;
            var stored = json.RootElement.GetProperty("PHONE").EnumerateArray()
                .Select(r => new MultiFieldValue(Bitrix24Json.ReadId(r.GetProperty("ID")), r.GetProperty("VALUE").GetString()!, r.GetProperty("VALUE_TYPE").GetString()!))
                .ToList();
            var diff = MultiFieldDiff.Compute(stored, [new MultiFieldValue(null, "+74955005550", "WORK"), new MultiFieldValue(null, "+79161234567", "MOBILE")], phone: true);
            if (diff.Count > 0)
            {
                var updated = await _client.CallAsync(Command("crm.company.update", new() { ["id"] = id, ["fields"] = new Dictionary<string, object?> { ["PHONE"] = diff } }));
                Assert.Equal(Bitrix24Outcome.Ok, updated.Outcome);
            }
        }

        var final = await _client.CallAsync(Command("crm.company.get", new() { ["id"] = id }));
        using var doc = final.Parse()!;
        Assert.Equal(["+74955005550", "+79161234567"], doc.RootElement.GetProperty("PHONE").EnumerateArray().Select(r => r.GetProperty("VALUE").GetString()).Order());
        Assert.Empty(_sandbox.Inspect().MultiFieldDuplicates);
    }

    [Fact]
    public async Task Batch_RequisiteReferencesTheCompanyAdd_BoundToIt()
    {
        var presets = await _client.CallAsync(Command("crm.requisite.preset.list", new() { ["select"] = new[] { "ID", "XML_ID" } }));
        using var presetJson = presets.Parse()!;
        var presetId = Bitrix24Json.ReadId(presetJson.RootElement[0].GetProperty("ID"));

        var result = await _client.BatchAsync(
        [
            new Bitrix24BatchEntry("co", Command("crm.company.add", new() { ["fields"] = new Dictionary<string, object?> { ["TITLE"] = "ООО Вектор" } }).ToBatchEntry()),
            new Bitrix24BatchEntry("rq", Command("crm.requisite.add", new()
            {
                ["fields"] = new Dictionary<string, object?> { ["ENTITY_TYPE_ID"] = 4, ["ENTITY_ID"] = "$result[co]", ["PRESET_ID"] = presetId, ["NAME"] = "ООО Вектор", ["RQ_INN"] = "7736050003" },
            }).ToBatchEntry()),
        ],
            halt: false);

        var companyId = result.For("co").AsId();
        Assert.Equal(Bitrix24Outcome.Ok, result.For("rq").Outcome);
        var requisite = await _client.CallAsync(Command("crm.requisite.get", new() { ["id"] = result.For("rq").AsId() }));
        using var rq = requisite.Parse()!;
        Assert.Equal(companyId, Bitrix24Json.ReadId(rq.RootElement.GetProperty("ENTITY_ID")));
        Assert.Equal("7736050003", rq.RootElement.GetProperty("RQ_INN").GetString());
    }

    [Fact]
    public async Task Get_Missing_IsNotFound()
    {
        var result = await _client.CallAsync(Command("crm.company.get", new() { ["id"] = 999_999 }));

        Assert.True(result.IsNotFound, result.ToString());
    }

    [Fact]
    public async Task List_ByOrigin_FindsEveryCopyWithoutUniqueness()
    {
        for (var i = 0; i < 2; i++)
        {
            await _client.CallAsync(Command("crm.company.add", new() { ["fields"] = new Dictionary<string, object?> { ["TITLE"] = "Копия", ["ORIGINATOR_ID"] = "syncgrid", ["ORIGIN_ID"] = "7708503727" } }));
        }

        var found = await _client.CallAsync(Command("crm.company.list", new()
        {
            ["filter"] = new Dictionary<string, object?> { ["ORIGINATOR_ID"] = "syncgrid", ["ORIGIN_ID"] = "7708503727" },
            ["select"] = new[] { "ID" },
            ["start"] = -1,
        }));

        using var json = found.Parse()!;
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Single(_sandbox.Inspect().OriginDuplicates);
    }

    [Fact]
    public async Task WrongWebhookCode_Fatal()
    {
        var wrong = Client(_sandbox.WebhookUrl.ToString().Replace("/rest/1/", "/rest/1/x", StringComparison.Ordinal));

        var result = await wrong.CallAsync(Command("crm.company.list", []));

        Assert.Equal(Bitrix24Outcome.Fatal, result.Outcome);
        Assert.Equal("INVALID_CREDENTIALS", result.ErrorCode);
    }

    [Fact]
    public async Task AnswerLostAfterCommit_UnknownAndTheWriteHappened()
    {
        _sandbox.Faults.SetFailAfterCommit("crm.contact.add", 1, Bitrix24CommitFailure.Drop);
        try
        {
            var result = await _client.CallAsync(Command("crm.contact.add", new() { ["fields"] = new Dictionary<string, object?> { ["NAME"] = "Анна", ["ORIGINATOR_ID"] = "syncgrid", ["ORIGIN_ID"] = "email:anna@example.ru" } }));

            Assert.Equal(Bitrix24Outcome.Unknown, result.Outcome);
            Assert.Equal(1, _sandbox.Inspect().EntityCounts.GetValueOrDefault("contact"));
        }
        finally
        {
            _sandbox.Faults.Reset();
        }
    }

    [Fact]
    public async Task FindByComm_NationalAndInternationalPhone_SameContact()
    {
        var id = (await _client.CallAsync(Command("crm.contact.add", new() { ["fields"] = new Dictionary<string, object?> { ["NAME"] = "Иван", ["PHONE"] = new[] { Row("8 (916) 123-45-67", "MOBILE") } } }))).AsId();

        var found = await _client.CallAsync(Command("crm.duplicate.findbycomm", new() { ["type"] = "PHONE", ["values"] = new[] { "+79161234567" }, ["entity_type"] = "CONTACT" }));

        using var json = found.Parse()!;
        Assert.Equal(id, Bitrix24Json.ReadId(json.RootElement.GetProperty("CONTACT")[0]));
    }

    private static Bitrix24Client Client(string webhook) => new(
        new HttpClient(),
        Options.Create(new Bitrix24Options { WebhookUrl = webhook, ReadRetries = 0 }),
        TimeProvider.System,
        NullLogger<Bitrix24Client>.Instance);

    private static Bitrix24Command Command(string method, Dictionary<string, object?> parameters) => new(method, Bitrix24Query.Encode(parameters));

    private static Dictionary<string, object?> Row(string value, string type) => new() { ["VALUE"] = value, ["VALUE_TYPE"] = type };
}
