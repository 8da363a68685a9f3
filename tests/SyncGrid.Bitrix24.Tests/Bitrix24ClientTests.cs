using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Bitrix24.Tests;

public class Bitrix24ClientTests
{
    private const string Webhook = "http://127.0.0.1:1/rest/1/secretcode123/";

    [Fact]
    public async Task CallAsync_Add_PostsFormEncodedToTheMethodAndReadsTheNewId()
    {
        var handler = new CannedHandler(HttpStatusCode.OK, """{"result": 2921, "time": {"start": 1.0, "finish": 1.2, "duration": 0.2, "processing": 0.1, "operating": 0.65, "operating_reset_at": 1769501310}}""");
        var client = Client(handler, retries: 3);

        var result = await client.CallAsync(new Bitrix24Command("crm.company.add", "fields[TITLE]=Acme"));

        Assert.Equal(Bitrix24Outcome.Ok, result.Outcome);
        Assert.Equal(2921, result.AsId());
        Assert.Equal(0.65, result.Operating);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1769501310), result.OperatingResetAt);
        var (path, body, type) = Assert.Single(handler.Requests);
        Assert.Equal("/rest/1/secretcode123/crm.company.add", path);
        Assert.Equal("fields[TITLE]=Acme", body);
        Assert.Equal("application/x-www-form-urlencoded", type);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, """{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}""", Bitrix24Outcome.RateLimited)]
    [InlineData(HttpStatusCode.TooManyRequests, """{"error":"OPERATION_TIME_LIMIT","error_description":"Method is blocked due to operation time limit."}""", Bitrix24Outcome.OperatingLimited)]
    [InlineData(HttpStatusCode.Unauthorized, """{"error":"INVALID_CREDENTIALS","error_description":"Invalid request credentials"}""", Bitrix24Outcome.Fatal)]
    [InlineData(HttpStatusCode.Unauthorized, """{"error":"insufficient_scope","error_description":""}""", Bitrix24Outcome.Fatal)]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"","error_description":"Company is not found"}""", Bitrix24Outcome.Rejected)]
    [InlineData(HttpStatusCode.OK, """{"error":"","error_description":"Not found"}""", Bitrix24Outcome.Rejected)]
    [InlineData(HttpStatusCode.InternalServerError, """{"error":"INTERNAL_SERVER_ERROR","error_description":"x"}""", Bitrix24Outcome.Unknown)]
    [InlineData(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>", Bitrix24Outcome.Unknown)]
    public async Task CallAsync_Errors_ClassifiedWhateverTheStatus(HttpStatusCode status, string body, Bitrix24Outcome outcome)
    {
        var client = Client(new CannedHandler(status, body, body.StartsWith('<') ? "text/html" : "application/json"), retries: 0);

        var result = await client.CallAsync(new Bitrix24Command("crm.company.update", "id=1"));

        Assert.Equal(outcome, result.Outcome);
    }

    [Fact]
    public async Task CallAsync_NotFoundText_IsNotFound()
    {
        var client = Client(new CannedHandler(HttpStatusCode.BadRequest, """{"error":"","error_description":"Not found"}"""), retries: 0);

        Assert.True((await client.CallAsync(new Bitrix24Command("crm.company.get", "id=5"))).IsNotFound);
    }

    [Fact]
    public async Task CallAsync_WriteLostInTransit_UnknownAndNotRetried()
    {
        var handler = new CannedHandler(HttpStatusCode.OK, "{}") { Throw = new HttpRequestException("reset", null, HttpStatusCode.ServiceUnavailable) };
        var client = Client(handler, retries: 3);

        var result = await client.CallAsync(new Bitrix24Command("crm.company.add", "fields[TITLE]=X"));

        Assert.Equal(Bitrix24Outcome.Unknown, result.Outcome);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task CallAsync_ReadLostInTransit_Retried()
    {
        var handler = new CannedHandler(HttpStatusCode.BadGateway, "<html>502</html>", "text/html");
        var client = Client(handler, retries: 2);

        var result = await client.CallAsync(new Bitrix24Command("crm.company.get", "id=1"));

        Assert.Equal(Bitrix24Outcome.Unknown, result.Outcome);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task BatchAsync_MixedResults_PerKeyWithPhpEmptyMapsAccepted()
    {
        var handler = new CannedHandler(HttpStatusCode.OK, """
            {"result": {
               "result": {"co": 2921, "lst": [{"ID": "44"}]},
               "result_error": {"rq": {"error": "", "error_description": "PRESET_ID is not defined or invalid."}},
               "result_total": {"lst": 1},
               "result_next": [],
               "result_time": {"co": {"start": 1, "finish": 2, "duration": 1, "processing": 1, "operating": 0.41}}},
             "time": {"start": 1, "finish": 2}}
            """);
        var client = Client(handler, retries: 0);

        var result = await client.BatchAsync(
            [new Bitrix24BatchEntry("co", "crm.company.add?fields[TITLE]=Acme"), new Bitrix24BatchEntry("rq", "crm.requisite.add?fields[ENTITY_ID]=$result[co]"), new Bitrix24BatchEntry("lst", "crm.contact.list"), new Bitrix24BatchEntry("halted", "crm.contact.list")],
            halt: false);

        Assert.Equal(2921, result.For("co").AsId());
        Assert.Equal(0.41, result.For("co").Operating);
        Assert.Equal(Bitrix24Outcome.Rejected, result.For("rq").Outcome);
        Assert.Equal("PRESET_ID is not defined or invalid.", result.For("rq").ErrorDescription);
        Assert.Equal(1, result.For("lst").Total);
        Assert.Null(result.For("lst").Next);
        Assert.Equal("NOT_RUN", result.For("halted").ErrorCode);
        using var sent = JsonDocument.Parse(Assert.Single(handler.Requests).Body);
        Assert.Equal("crm.requisite.add?fields[ENTITY_ID]=$result[co]", sent.RootElement.GetProperty("cmd").GetProperty("rq").GetString());
        Assert.Equal(0, sent.RootElement.GetProperty("halt").GetInt32());
    }

    [Fact]
    public async Task BatchAsync_EveryCommandFailed_ResultIsAnEmptyArray()
    {
        var client = Client(new CannedHandler(HttpStatusCode.OK, """{"result":{"result":[],"result_error":{"a":{"error":"","error_description":"Not found"}},"result_total":[],"result_next":[],"result_time":[]},"time":{}}"""), retries: 0);

        var result = await client.BatchAsync([new Bitrix24BatchEntry("a", "crm.company.get?id=9")], halt: false);

        Assert.True(result.For("a").IsNotFound);
    }

    [Fact]
    public async Task BatchAsync_RefusedByTheRateLimit_EveryCommandRateLimited()
    {
        var client = Client(new CannedHandler(HttpStatusCode.ServiceUnavailable, """{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}"""), retries: 0);

        var result = await client.BatchAsync([new Bitrix24BatchEntry("a", "crm.company.add"), new Bitrix24BatchEntry("b", "crm.company.add")], halt: false);

        Assert.Equal(Bitrix24Outcome.RateLimited, result.For("a").Outcome);
        Assert.Equal(Bitrix24Outcome.RateLimited, result.For("b").Outcome);
    }

    [Fact]
    public void Options_WebhookSecret_NotInThePortalHost() =>
        Assert.Equal("127.0.0.1", new Bitrix24Options { WebhookUrl = Webhook }.PortalHost);

    private static Bitrix24Client Client(CannedHandler handler, int retries) => new(
        new HttpClient(handler),
        Options.Create(new Bitrix24Options { WebhookUrl = Webhook, ReadRetries = retries }),
        TimeProvider.System,
        NullLogger<Bitrix24Client>.Instance);
}
