using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.Tests.Bitrix24;

public class Bitrix24SandboxTransportTests
{
    [Fact]
    public async Task Call_UnknownMethod_Returns404MethodNotFound()
    {
        await using var portal = await PortalConnection.StartAsync();
        var (status, body) = await portal.CallAsync("crm.nothing.add");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("ERROR_METHOD_NOT_FOUND", (string?)body!["error"]);
        Assert.Equal("Method not found!", (string?)body["error_description"]);
    }

    [Fact]
    public async Task Call_WrongWebhookCode_Returns401InvalidCredentials()
    {
        await using var portal = await PortalConnection.StartAsync();
        using var response = await portal.Http.GetAsync(new Uri("rest/1/wrongcode/crm.company.list", UriKind.Relative));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("INVALID_CREDENTIALS", (string?)body["error"]);
        Assert.Equal("Invalid request credentials", (string?)body["error_description"]);
    }

    [Fact]
    public async Task Call_RevokedWebhook_Returns401()
    {
        await using var portal = await PortalConnection.StartAsync(o => o.ConfigureFaults = f => f.WebhookRevoked = true);
        var (status, body) = await portal.CallAsync("crm.company.list");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("INVALID_CREDENTIALS", (string?)body!["error"]);
    }

    [Fact]
    public async Task Call_MixedCaseMethodWithJsonSuffixAndSlash_IsRouted()
    {
        await using var portal = await PortalConnection.StartAsync();
        using var response = await portal.Http.GetAsync(new Uri(portal.Sandbox.WebhookUrl, "CRM.Company.List.json/"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Add_FormUrlEncodedBrackets_StoresFieldsAndPhone()
    {
        await using var portal = await PortalConnection.StartAsync();
        using var form = new StringContent("fields[TITLE]=Acme%20%26%20Co&fields[PHONE][0][VALUE]=%2B79161234567&fields[PHONE][0][VALUE_TYPE]=WORK",
            Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await portal.Http.PostAsync(new Uri(portal.Sandbox.WebhookUrl, "crm.company.add"), form);
        var added = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(JsonValueKind.Number, added["result"]!.GetValueKind());

        using var get = await portal.Http.GetAsync(new Uri(portal.Sandbox.WebhookUrl, $"crm.company.get?id={added["result"]}"));
        var company = JsonNode.Parse(await get.Content.ReadAsStringAsync())!["result"]!;
        Assert.Equal("Acme & Co", (string?)company["TITLE"]);
        Assert.Equal("+79161234567", (string?)company["PHONE"]![0]!["VALUE"]);
        Assert.Equal("Y", (string?)company["HAS_PHONE"]);
    }

    [Fact]
    public async Task Get_AddedCompany_ReadsIdsAsStringsAndFlagsAsYN()
    {
        await using var portal = await PortalConnection.StartAsync();
        var id = await portal.AddAsync("crm.company.add", new { TITLE = "Acme", ORIGINATOR_ID = "sg", ORIGIN_ID = "A-17", UNKNOWN_FIELD = "x" });
        var (status, body) = await portal.CallAsync("crm.company.get", new { id });
        Assert.Equal(HttpStatusCode.OK, status);
        var company = body!["result"]!;
        Assert.Equal(JsonValueKind.String, company["ID"]!.GetValueKind());
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)company["ID"]);
        Assert.Equal("1", (string?)company["ASSIGNED_BY_ID"]);
        Assert.Equal("N", (string?)company["HAS_EMAIL"]);
        Assert.Null(company["COMMENTS"]);
        Assert.False(company.AsObject().ContainsKey("UNKNOWN_FIELD"));
        Assert.Equal("2026-01-27T10:58:30+03:00", (string?)company["DATE_CREATE"]);
        var time = body["time"]!;
        Assert.Equal("2026-01-27T10:58:30+03:00", (string?)time["date_start"]);
        Assert.NotNull(time["duration"]);
        Assert.NotNull(time["operating"]);
    }

    [Fact]
    public async Task Get_MissingOrInvalidId_Returns400WithEmptyCodeAndExactText()
    {
        await using var portal = await PortalConnection.StartAsync();
        var (status, body) = await portal.CallAsync("crm.contact.get", new { id = 999 });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(string.Empty, (string?)body!["error"]);
        Assert.Equal("Not found", (string?)body["error_description"]);

        (_, body) = await portal.CallAsync("crm.company.update", new { id = 999, fields = new { TITLE = "x" } });
        Assert.Equal("Company is not found", (string?)body!["error_description"]);

        (_, body) = await portal.CallAsync("crm.company.get", new { id = "abc" });
        Assert.Equal("ID is not defined or invalid.", (string?)body!["error_description"]);
    }

    [Fact]
    public async Task Call_InjectedHtml502_ReturnsHtmlPage()
    {
        await using var portal = await PortalConnection.StartAsync(o => o.ConfigureFaults = f =>
        {
            f.ErrorRate5xx = 1;
            f.ErrorBody = SyncGrid.Sandbox.Bitrix24.Bitrix24ErrorBody.Html502;
        });
        using var response = await portal.Http.GetAsync(new Uri(portal.Sandbox.WebhookUrl, "crm.company.list"));
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }
}
