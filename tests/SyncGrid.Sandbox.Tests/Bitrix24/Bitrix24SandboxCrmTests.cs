using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.Tests.Bitrix24;

public class Bitrix24SandboxCrmTests
{
    private static JsonArray Phone(string value, string type = "WORK") => [new JsonObject { ["VALUE"] = value, ["VALUE_TYPE"] = type }];

    [Fact]
    public async Task Update_SamePhoneTwice_KeepsOneRow()
    {
        await using var portal = await PortalConnection.StartAsync();
        var id = await portal.AddAsync("crm.contact.add", new { NAME = "Ann", PHONE = Phone("+79161234567") });
        await portal.ResultAsync("crm.contact.update", new { id, fields = new { PHONE = Phone("+79161234567") } });
        await portal.ResultAsync("crm.contact.update", new { id, fields = new { PHONE = Phone("79161234567") } });
        var contact = await portal.ResultAsync("crm.contact.get", new { id });
        var phone = Assert.Single(contact!["PHONE"]!.AsArray());
        Assert.Equal("79161234567", (string?)phone!["VALUE"]);
        Assert.Empty(portal.Sandbox.Inspect().MultiFieldDuplicates);
    }

    [Fact]
    public async Task Update_PhoneWithOtherFormattingOrType_Appends()
    {
        await using var portal = await PortalConnection.StartAsync();
        var id = await portal.AddAsync("crm.contact.add", new { NAME = "Ann", PHONE = Phone("+79161234567") });
        await portal.ResultAsync("crm.contact.update", new { id, fields = new { PHONE = Phone("+7 916 123-45-67") } });
        await portal.ResultAsync("crm.contact.update", new { id, fields = new { PHONE = Phone("+79161234567", "MOBILE") } });
        var contact = await portal.ResultAsync("crm.contact.get", new { id });
        Assert.Equal(3, contact!["PHONE"]!.AsArray().Count);
        var duplicate = Assert.Single(portal.Sandbox.Inspect().MultiFieldDuplicates);
        Assert.Equal(3, duplicate.Rows);
    }

    [Fact]
    public async Task Update_PhoneRowById_EditsAndDeletes()
    {
        await using var portal = await PortalConnection.StartAsync();
        var id = await portal.AddAsync("crm.company.add", new { TITLE = "A", PHONE = new[] { new { VALUE = "111", VALUE_TYPE = "MOBILE" }, new { VALUE = "222", VALUE_TYPE = "WORK" } } });
        var rows = (await portal.ResultAsync("crm.company.get", new { id }))!["PHONE"]!.AsArray();
        var first = (string)rows[0]!["ID"]!;
        var second = (string)rows[1]!["ID"]!;

        await portal.ResultAsync("crm.company.update", new { id, fields = new { PHONE = new object[] { new { ID = first, VALUE = "333" }, new { ID = second, DELETE = "Y" } } } });
        var phone = Assert.Single((await portal.ResultAsync("crm.company.get", new { id }))!["PHONE"]!.AsArray());
        Assert.Equal(first, (string?)phone!["ID"]);
        Assert.Equal("333", (string?)phone["VALUE"]);
        Assert.Equal("WORK", (string?)phone["VALUE_TYPE"]);

        await portal.ResultAsync("crm.company.update", new { id, fields = new { PHONE = new[] { new { ID = first } } } });
        var company = await portal.ResultAsync("crm.company.get", new { id });
        Assert.Null(company!["PHONE"]);
        Assert.Equal("N", (string?)company["HAS_PHONE"]);
    }

    [Fact]
    public async Task Add_InvalidEmail_ReturnsErrorCore()
    {
        await using var portal = await PortalConnection.StartAsync();
        var (status, body) = await portal.CallAsync("crm.contact.add", new { fields = new { NAME = "Ann", EMAIL = new[] { new { VALUE = "not-an-email" } } } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("ERROR_CORE", (string?)body!["error"]);
    }

    [Fact]
    public async Task CompanyContactAdd_AlreadyBound_ReturnsFalseAndMirrors()
    {
        await using var portal = await PortalConnection.StartAsync();
        var company = await portal.AddAsync("crm.company.add", new { TITLE = "A" });
        var c1 = await portal.AddAsync("crm.contact.add", new { NAME = "One" });
        var c2 = await portal.AddAsync("crm.contact.add", new { NAME = "Two" });
        Assert.True((bool)(await portal.ResultAsync("crm.company.contact.add", new { id = company, fields = new { CONTACT_ID = c1 } }))!);
        Assert.False((bool)(await portal.ResultAsync("crm.company.contact.add", new { id = company, fields = new { CONTACT_ID = c1 } }))!);
        Assert.False((bool)(await portal.ResultAsync("crm.contact.company.add", new { id = c1, fields = new { COMPANY_ID = company } }))!);

        await portal.ResultAsync("crm.company.contact.items.set", new { id = company, items = new[] { new { CONTACT_ID = c2, IS_PRIMARY = "Y" } } });
        var items = (await portal.ResultAsync("crm.company.contact.items.get", new { id = company }))!.AsArray();
        var item = Assert.Single(items);
        Assert.Equal(JsonValueKind.Number, item!["CONTACT_ID"]!.GetValueKind());
        Assert.Equal(c2, (int)item["CONTACT_ID"]!);
        Assert.Equal("Y", (string?)item["IS_PRIMARY"]);
        var contact = await portal.ResultAsync("crm.contact.get", new { id = c2 });
        Assert.Equal(company.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)contact!["COMPANY_ID"]);
        Assert.Empty((await portal.ResultAsync("crm.contact.company.items.get", new { id = c1 }))!.AsArray());
    }

    [Fact]
    public async Task ContactCompanyIds_SeenFromBothSides_KeepSortPrimaryAndSurviveDeletes()
    {
        await using var portal = await PortalConnection.StartAsync();
        var a = await portal.AddAsync("crm.company.add", new { TITLE = "A" });
        var b = await portal.AddAsync("crm.company.add", new { TITLE = "B" });
        var c = await portal.AddAsync("crm.company.add", new { TITLE = "C" });
        var ann = await portal.AddAsync("crm.contact.add", new { NAME = "Ann", COMPANY_IDS = new[] { a, b, c }, COMPANY_ID = b });
        var bob = await portal.AddAsync("crm.contact.add", new { NAME = "Bob", COMPANY_IDS = new[] { b } });

        var annCompanies = (await portal.ResultAsync("crm.contact.company.items.get", new { id = ann }))!.AsArray();
        Assert.Equal([a, b, c], annCompanies.Select(i => (int)i!["COMPANY_ID"]!));
        Assert.Equal(["N", "Y", "N"], annCompanies.Select(i => (string?)i!["IS_PRIMARY"]));
        Assert.Equal(b.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)(await portal.ResultAsync("crm.contact.get", new { id = ann }))!["COMPANY_ID"]);

        // Company B sees both, in the order they were bound, the first one primary.
        var bContacts = (await portal.ResultAsync("crm.company.contact.items.get", new { id = b }))!.AsArray();
        Assert.Equal([ann, bob], bContacts.Select(i => (int)i!["CONTACT_ID"]!));
        Assert.Equal(["Y", "N"], bContacts.Select(i => (string?)i!["IS_PRIMARY"]));

        // Deleting a company unbinds it from every contact; unbinding Ann's primary company promotes the next one.
        await portal.ResultAsync("crm.company.delete", new { id = a });
        await portal.ResultAsync("crm.contact.company.delete", new { id = ann, fields = new { COMPANY_ID = b } });
        annCompanies = (await portal.ResultAsync("crm.contact.company.items.get", new { id = ann }))!.AsArray();
        var only = Assert.Single(annCompanies);
        Assert.Equal(c, (int)only!["COMPANY_ID"]!);
        Assert.Equal("Y", (string?)only["IS_PRIMARY"]);

        // Deleting a contact unbinds it from its companies.
        await portal.ResultAsync("crm.contact.delete", new { id = bob });
        Assert.Empty((await portal.ResultAsync("crm.company.contact.items.get", new { id = b }))!.AsArray());
        var cContacts = (await portal.ResultAsync("crm.company.contact.items.get", new { id = c }))!.AsArray();
        Assert.Equal(ann, (int)Assert.Single(cContacts)!["CONTACT_ID"]!);
    }

    [Fact]
    public async Task RequisiteAdd_MissingOrInvalidFields_ReturnsDocumentedTexts()
    {
        await using var portal = await PortalConnection.StartAsync();
        var company = await portal.AddAsync("crm.company.add", new { TITLE = "A" });
        async Task<string?> Error(object fields) => (string?)(await portal.CallAsync("crm.requisite.add", new { fields })).Body!["error_description"];
        Assert.Equal("ENTITY_TYPE_ID is not defined or invalid.", await Error(new { ENTITY_TYPE_ID = 2, ENTITY_ID = company, PRESET_ID = 1, NAME = "R" }));
        Assert.Equal("ENTITY_ID is not defined or invalid.", await Error(new { ENTITY_TYPE_ID = 4, PRESET_ID = 1, NAME = "R" }));
        Assert.Equal("Entity not found.", await Error(new { ENTITY_TYPE_ID = 4, ENTITY_ID = 99, PRESET_ID = 1, NAME = "R" }));
        Assert.Equal("PRESET_ID is not defined or invalid.", await Error(new { ENTITY_TYPE_ID = 4, ENTITY_ID = company, PRESET_ID = 77, NAME = "R" }));

        var rq = await portal.AddAsync("crm.requisite.add", new { ENTITY_TYPE_ID = 4, ENTITY_ID = company, PRESET_ID = 1, NAME = "R", RQ_INN = "0077000000" });
        Assert.True((bool)(await portal.ResultAsync("crm.requisite.update", new { id = rq, fields = new { RQ_KPP = "770001001" } }))!);
        Assert.False((bool)(await portal.ResultAsync("crm.requisite.update", new { id = rq, fields = new { RQ_KPP = "770001001" } }))!);
        Assert.Equal($"The Requisite with ID '57' is not found", (string?)(await portal.CallAsync("crm.requisite.update", new { id = 57, fields = new { NAME = "x" } })).Body!["error_description"]);

        var list = await portal.CallAsync("crm.requisite.list", new { filter = new { RQ_INN = "0077000000" } });
        var row = Assert.Single(list.Body!["result"]!.AsArray());
        Assert.Equal("4", (string?)row!["ENTITY_TYPE_ID"]);
        Assert.Equal("0077000000", (string?)row["RQ_INN"]);

        var bank = await portal.AddAsync("crm.requisite.bankdetail.add", new { ENTITY_ID = rq, NAME = "Main", RQ_BIK = "044525225", RQ_ACC_NUM = "40702810000000000001" });
        var banks = await portal.ResultAsync("crm.requisite.bankdetail.list", new { filter = new { ENTITY_ID = rq } });
        Assert.Equal(bank.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)Assert.Single(banks!.AsArray())!["ID"]);
        Assert.Equal("ENTITY_ID is not defined or invalid.", (string?)(await portal.CallAsync("crm.requisite.bankdetail.add", new { fields = new { ENTITY_ID = 999, NAME = "x" } })).Body!["error_description"]);
    }

    [Fact]
    public async Task PresetList_FreshPortal_HasThreeRussianDefaults()
    {
        await using var portal = await PortalConnection.StartAsync();
        var presets = (await portal.ResultAsync("crm.requisite.preset.list"))!.AsArray();
        Assert.Equal(["#CRM_REQUISITE_PRESET_DEF_RU_COMPANY#", "#CRM_REQUISITE_PRESET_DEF_RU_INDIVIDUAL#", "#CRM_REQUISITE_PRESET_DEF_RU_PERSON#"],
            presets.Select(p => (string?)p!["XML_ID"]));
        Assert.All(presets, p => Assert.Equal("8", (string?)p!["ENTITY_TYPE_ID"]));
    }

    [Fact]
    public async Task FindByComm_NationalAndInternationalForms_MatchSameContact()
    {
        await using var portal = await PortalConnection.StartAsync();
        var contact = await portal.AddAsync("crm.contact.add", new { NAME = "Ann", PHONE = Phone("8 (916) 123-45-67"), EMAIL = new[] { new { VALUE = "Ann@Example.com" } } });
        var company = await portal.AddAsync("crm.company.add", new { TITLE = "A", PHONE = Phone("+7 916 123-45-67") });

        var found = await portal.ResultAsync("crm.duplicate.findbycomm", new { type = "PHONE", values = new[] { "79161234567" } });
        Assert.Equal(contact, (int)found!["CONTACT"]![0]!);
        Assert.Equal(company, (int)found["COMPANY"]![0]!);

        found = await portal.ResultAsync("crm.duplicate.findbycomm", new { type = "PHONE", values = new[] { "+8 916 123-45-67" } });
        Assert.Equal(JsonValueKind.Array, found!.GetValueKind());

        found = await portal.ResultAsync("crm.duplicate.findbycomm", new { type = "email", values = new[] { " ann@example.COM " }, entity_type = "COMPANY" });
        Assert.Equal(JsonValueKind.Array, found!.GetValueKind());
        found = await portal.ResultAsync("crm.duplicate.findbycomm", new { type = "EMAIL", values = new[] { " ann@example.COM " }, entity_type = "CONTACT" });
        Assert.Equal(contact, (int)found!["CONTACT"]![0]!);

        var values = Enumerable.Range(0, 20).Select(i => $"+7000000{i:D4}").Append("79161234567").ToArray();
        found = await portal.ResultAsync("crm.duplicate.findbycomm", new { type = "PHONE", values });
        Assert.Equal(JsonValueKind.Array, found!.GetValueKind());

        var (_, body) = await portal.CallAsync("crm.duplicate.findbycomm", new { type = "PHONE", values = "79161234567" });
        Assert.Equal("Communication values is not defined.", (string?)body!["error_description"]);
        (_, body) = await portal.CallAsync("crm.duplicate.findbycomm", new { type = "PHONE", values = new[] { "1" }, entity_type = "DEAL" });
        Assert.Equal("Deal is not supported in current context.", (string?)body!["error_description"]);
    }

    [Fact]
    public async Task List_Paging_FollowsFiftyRowPagesAndStartMinusOne()
    {
        await using var portal = await PortalConnection.StartAsync();
        var cmd = Enumerable.Range(0, 50).ToDictionary(i => $"c{i}", i => $"crm.company.add?fields[TITLE]=T{i}&fields[ORIGIN_ID]={i % 2}");
        await portal.ResultAsync("batch", new { cmd });
        await portal.ResultAsync("batch", new { cmd = cmd.Take(20).ToDictionary() });

        var (_, page1) = await portal.CallAsync("crm.company.list", new { order = new { ID = "ASC" } });
        Assert.Equal(50, page1!["result"]!.AsArray().Count);
        Assert.Equal(70, (int)page1["total"]!);
        Assert.Equal(50, (int)page1["next"]!);

        var (_, page2) = await portal.CallAsync("crm.company.list", new { order = new { ID = "ASC" }, start = 73 });
        Assert.Equal(20, page2!["result"]!.AsArray().Count);
        Assert.Null(page2["next"]);

        var (_, fast) = await portal.CallAsync("crm.company.list", new { start = -1, filter = new Dictionary<string, object> { [">ID"] = 60 } });
        Assert.Equal(10, fast!["result"]!.AsArray().Count);
        Assert.Equal(0, (int)fast["total"]!);
        Assert.Null(fast["next"]);
    }

    [Fact]
    public async Task List_FiltersOrderAndSelect_AreApplied()
    {
        await using var portal = await PortalConnection.StartAsync();
        await portal.AddAsync("crm.company.add", new { TITLE = "Acme Trading", ORIGINATOR_ID = "sg", ORIGIN_ID = "1", PHONE = Phone("+79160000001") });
        await portal.AddAsync("crm.company.add", new { TITLE = "Beta", ORIGINATOR_ID = "sg", ORIGIN_ID = "2" });
        await portal.AddAsync("crm.company.add", new { TITLE = "acme retail", ORIGINATOR_ID = "other", ORIGIN_ID = "3" });

        async Task<JsonArray> List(object parameters) => (await portal.ResultAsync("crm.company.list", parameters))!.AsArray();
        Assert.Equal(2, (await List(new { filter = new Dictionary<string, object> { ["%TITLE"] = "ACME" } })).Count);
        Assert.Single(await List(new { filter = new Dictionary<string, object> { ["ORIGINATOR_ID"] = "sg", ["!ORIGIN_ID"] = "1" } }));
        Assert.Equal(2, (await List(new { filter = new Dictionary<string, object> { ["@ID"] = new[] { 1, 3 } } })).Count);
        Assert.Single(await List(new { filter = new { PHONE = "+79160000001" } }));
        Assert.Empty(await List(new { filter = new { PHONE = "79160000001" } }));

        var ordered = await List(new { order = new { TITLE = "desc" }, select = new[] { "TITLE" } });
        Assert.Equal(["Beta", "Acme Trading", "acme retail"], ordered.Select(r => (string?)r!["TITLE"]));
        Assert.Null(ordered[0]!["ORIGIN_ID"]);
        Assert.False(ordered[0]!.AsObject().ContainsKey("PHONE"));

        var withPhone = await List(new { filter = new { ID = 1 }, select = new[] { "ID", "PHONE" } });
        Assert.Equal("+79160000001", (string?)withPhone[0]!["PHONE"]![0]!["VALUE"]);
    }

    [Fact]
    public async Task DealAdd_StageOfOtherPipeline_IsRejectedAndUpdateIgnoresCategory()
    {
        await using var portal = await PortalConnection.StartAsync();
        var (status, _) = await portal.CallAsync("crm.deal.add", new { fields = new { TITLE = "D", CATEGORY_ID = 1, STAGE_ID = "NEW" } });
        Assert.Equal(HttpStatusCode.BadRequest, status);

        var id = await portal.AddAsync("crm.deal.add", new { TITLE = "D", CATEGORY_ID = 1, STAGE_ID = "C1:NEW", OPPORTUNITY = 1000000 });
        await portal.ResultAsync("crm.deal.update", new { id, fields = new { CATEGORY_ID = 0, STAGE_ID = "C1:WON" } });
        var deal = await portal.ResultAsync("crm.deal.get", new { id });
        Assert.Equal("1", (string?)deal!["CATEGORY_ID"]);
        Assert.Equal("C1:WON", (string?)deal["STAGE_ID"]);
        Assert.Equal("S", (string?)deal["STAGE_SEMANTIC_ID"]);
        Assert.Equal("Y", (string?)deal["CLOSED"]);
        Assert.Equal("1000000.00", (string?)deal["OPPORTUNITY"]);

        var stages = await portal.ResultAsync("crm.status.list", new { filter = new { ENTITY_ID = "DEAL_STAGE_1" } });
        Assert.Contains(stages!.AsArray(), s => (string?)s!["STATUS_ID"] == "C1:WON" && (string?)s["SEMANTICS"] == "S");
        var currencies = await portal.ResultAsync("crm.currency.list");
        Assert.Equal(["RUB", "USD", "EUR"], currencies!.AsArray().Select(c => (string?)c!["CURRENCY"]));
    }

    [Fact]
    public async Task NotifySystemAdd_SameTag_ReplacesEarlierNotification()
    {
        await using var portal = await PortalConnection.StartAsync();
        await portal.ResultAsync("im.notify.system.add", new { USER_ID = 1, MESSAGE = "first", TAG = "sync" });
        await portal.ResultAsync("im.notify.system.add", new { USER_ID = 1, MESSAGE = "second", TAG = "sync" });
        Assert.Equal(["second"], portal.Sandbox.Inspect().Notifications);
        Assert.Equal("MESSAGE_EMPTY", (string?)(await portal.CallAsync("im.notify.system.add", new { USER_ID = 1 })).Body!["error"]);
    }

    [Fact]
    public async Task SaveState_ThenStartFromFile_RestoresEntities()
    {
        var path = Path.Combine(Path.GetTempPath(), $"b24-{Guid.NewGuid():N}.json");
        try
        {
            await using (var portal = await PortalConnection.StartAsync())
            {
                var company = await portal.AddAsync("crm.company.add", new { TITLE = "A" });
                await portal.AddAsync("crm.contact.add", new { NAME = "Ann", PHONE = Phone("+79161234567"), COMPANY_IDS = new[] { company } });
                await portal.Sandbox.SaveStateAsync(path);
            }

            await using var restored = await PortalConnection.StartAsync(o => o.StateFile = path);
            var contact = await restored.ResultAsync("crm.contact.get", new { id = 1 });
            Assert.Equal("Ann", (string?)contact!["NAME"]);
            Assert.Equal(2, await restored.AddAsync("crm.contact.add", new { NAME = "Bob" }));
            var bound = (await restored.ResultAsync("crm.company.contact.items.get", new { id = 1 }))!.AsArray();
            Assert.Equal(1, (int)Assert.Single(bound)!["CONTACT_ID"]!);
            Assert.Equal("1", (string?)contact["COMPANY_ID"]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
