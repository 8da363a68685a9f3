using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SyncGrid.Sandbox.Register;

namespace SyncGrid.Register.Tests;

/// <summary>The sandbox's contract, checked with a raw HttpClient (no client types).</summary>
public sealed class RegisterSandboxTests
{
    private const string SberbankJson = """
        { "suggestions": [ {
            "value": "ПАО СБЕРБАНК",
            "unrestricted_value": "ПАО СБЕРБАНК",
            "data": {
              "inn": "7707083893", "kpp": "773601001", "ogrn": "1027700132195",
              "type": "LEGAL", "branch_type": "MAIN",
              "name": { "full_with_opf": "ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО \"СБЕРБАНК РОССИИ\"",
                        "short_with_opf": "ПАО СБЕРБАНК", "full": "СБЕРБАНК РОССИИ", "short": "СБЕРБАНК" },
              "opf": { "short": "ПАО", "full": "Публичное акционерное общество" },
              "state": { "status": "ACTIVE", "actuality_date": 1700000000000,
                         "registration_date": 677376000000, "liquidation_date": null },
              "address": { "value": "г Москва, ул Вавилова, д 19" }
            } } ] }
        """;

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Post_Sberbank_AnswersTheSpecJsonExactly()
    {
        await using var sandbox = await StartAsync();
        using var http = new HttpClient();

        using var response = await PostAsync(http, sandbox, """{ "query": "7707083893", "kpp": "773601001", "branch_type": "MAIN", "count": 1 }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var actual = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Token));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(SberbankJson), actual), $"got {actual}");
    }

    [Fact]
    public async Task Post_UnknownTin_AnswersEmptySuggestions()
    {
        await using var sandbox = await StartAsync();
        using var http = new HttpClient();

        using var response = await PostAsync(http, sandbox, """{ "query": "673005784108" }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"suggestions":[]}""", await response.Content.ReadAsStringAsync(TestContext.Token));
    }

    [Fact]
    public async Task Post_ByOgrnAndFilters_FindsTheMatchingUnits()
    {
        await using var sandbox = await StartAsync();
        using var http = new HttpClient();

        var byOgrn = await SuggestionsAsync(http, sandbox, """{ "query": "1027700067328" }""");
        var branches = await SuggestionsAsync(http, sandbox, """{ "query": "7701000019", "branch_type": "BRANCH" }""");
        var both = await SuggestionsAsync(http, sandbox, """{ "query": "7701000019" }""");
        var activeOnly = await SuggestionsAsync(http, sandbox, """{ "query": "7702000029", "status": ["ACTIVE"] }""");

        Assert.Equal("7728168971", (string?)byOgrn.Single()!["data"]!["inn"]);
        Assert.Equal("500501001", (string?)branches.Single()!["data"]!["kpp"]);
        Assert.Equal(["MAIN", "BRANCH"], both.Select(s => (string?)s!["data"]!["branch_type"]));
        Assert.Empty(activeOnly);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("Token wrong-key", HttpStatusCode.Forbidden)]
    [InlineData("Bearer x", HttpStatusCode.Unauthorized)]
    public async Task Post_MissingOrBadKey_401Or403(string? authorization, HttpStatusCode expected)
    {
        await using var sandbox = await StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.BaseUrl + RegisterSandbox.FindPartyPath)
        {
            Content = new StringContent("""{ "query": "7707083893" }""", Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request, TestContext.Token);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, sandbox.Stats.QuotaUsed);
    }

    [Fact]
    public async Task Get_WrongVerb_405()
    {
        await using var sandbox = await StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(sandbox.BaseUrl + RegisterSandbox.FindPartyPath), TestContext.Token);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Post_HugeBody_413()
    {
        await using var sandbox = await StartAsync();
        using var http = new HttpClient();

        using var response = await PostAsync(http, sandbox, $$"""{ "query": "7707083893", "pad": "{{new string('x', 20_000)}}" }""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{ "kpp": "773601001" }""")]
    [InlineData("""{ "query": "7707083893", "count": 0 }""")]
    [InlineData("""{ "query": "7707083893", "branch_type": "HEAD" }""")]
    public async Task Post_BadRequest_400(string body)
    {
        await using var sandbox = await StartAsync();
        using var http = new HttpClient();

        using var response = await PostAsync(http, sandbox, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_AboveTheRateLimit_429WithRetryAfterThenAcceptedInTheNextSecond()
    {
        var clock = new FakeTimeProvider(Start);
        await using var sandbox = await StartAsync(new RegisterSandboxOptions { RateLimitPerSecond = 3, TimeProvider = clock });
        using var http = new HttpClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await PostAsync(http, sandbox, """{ "query": "7707083893" }""");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            }
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        using var next = await PostAsync(http, sandbox, """{ "query": "7707083893" }""");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Post_QuotaUsedUp_403UntilTheNextDay()
    {
        var clock = new FakeTimeProvider(Start);
        await using var sandbox = await StartAsync(new RegisterSandboxOptions { DailyQuota = 2, TimeProvider = clock });
        using var http = new HttpClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            using var response = await PostAsync(http, sandbox, """{ "query": "7707083893" }""");
            statuses.Add(response.StatusCode);
        }

        clock.Advance(TimeSpan.FromDays(1));
        using var tomorrow = await PostAsync(http, sandbox, """{ "query": "7707083893" }""");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden], statuses);
        Assert.Equal(HttpStatusCode.OK, tomorrow.StatusCode);
        Assert.Equal(1, sandbox.Stats.QuotaUsed);
    }

    [Fact]
    public async Task Post_ErrorRateOne_Every5xx()
    {
        await using var sandbox = await StartAsync(new RegisterSandboxOptions { ErrorRate = 1 });
        using var http = new HttpClient();

        for (var i = 0; i < 5; i++)
        {
            using var response = await PostAsync(http, sandbox, """{ "query": "7707083893" }""");
            Assert.True((int)response.StatusCode >= 500, $"request {i}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Post_ConfiguredOutageWindow_503OnlyInsideIt()
    {
        var clock = new FakeTimeProvider(Start);
        await using var sandbox = await StartAsync(new RegisterSandboxOptions { TimeProvider = clock, OutageStart = TimeSpan.FromMinutes(1), OutageDuration = TimeSpan.FromMinutes(2) });
        using var http = new HttpClient();

        var before = (await PostAsync(http, sandbox, """{ "query": "7707083893" }""")).StatusCode;
        clock.Advance(TimeSpan.FromMinutes(2));
        var inside = (await PostAsync(http, sandbox, """{ "query": "7707083893" }""")).StatusCode;
        clock.Advance(TimeSpan.FromMinutes(2));
        var afterwards = (await PostAsync(http, sandbox, """{ "query": "7707083893" }""")).StatusCode;

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), (before, inside, afterwards));
    }

    [Fact]
    public async Task StatsEndpoint_ReportsCountsByStatusAndQuota()
    {
        await using var sandbox = await StartAsync();
        using var http = new HttpClient();
        (await PostAsync(http, sandbox, """{ "query": "7707083893" }""")).Dispose();
        (await PostAsync(http, sandbox, """{ "query": "673005784108" }""")).Dispose();
        (await http.GetAsync(new Uri(sandbox.BaseUrl + RegisterSandbox.FindPartyPath), TestContext.Token)).Dispose();

        var stats = JsonNode.Parse(await http.GetStringAsync(new Uri(sandbox.BaseUrl + RegisterSandbox.StatsPath), TestContext.Token))!;

        Assert.Equal(3, (long)stats["requests"]!);
        Assert.Equal(2, (long)stats["by_status"]!["200"]!);
        Assert.Equal(1, (long)stats["by_status"]!["405"]!);
        Assert.Equal((1L, 1L, 2L), ((long)stats["found"]!, (long)stats["not_found"]!, (long)stats["quota_used"]!));
    }

    [Fact]
    public async Task StartAsync_RegisterFile_ServesItsCompanies()
    {
        var path = Path.Combine(Path.GetTempPath(), $"register-{Guid.NewGuid():N}.json");
        try
        {
            await RegisterSandboxFile.WriteAsync(path, [new RegisterSandboxCompany { Inn = "7704000049", Kpp = "770401001", Ogrn = "1057700000049", FullName = "ТЕСТ", OpfShort = "ООО", OpfFull = "Общество с ограниченной ответственностью", Status = "LIQUIDATED" }], TestContext.Token);
            await using var sandbox = await StartAsync(new RegisterSandboxOptions { RegisterFile = path, ApiKey = "fixed-key" });
            using var http = new HttpClient();

            var found = await SuggestionsAsync(http, sandbox, """{ "query": "7704000049" }""");
            var sberbank = await SuggestionsAsync(http, sandbox, """{ "query": "7707083893" }""");

            Assert.Equal("fixed-key", sandbox.ApiKey);
            Assert.Equal("LIQUIDATED", (string?)found.Single()!["data"]!["state"]!["status"]);
            Assert.Equal("ООО ТЕСТ", (string?)found.Single()!["value"]);
            Assert.Empty(sberbank);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StartAsync_NoKeyConfigured_RandomKeyPerStart()
    {
        await using var first = await StartAsync();
        await using var second = await StartAsync();

        Assert.NotEqual(first.ApiKey, second.ApiKey);
        Assert.True(first.ApiKey.Length >= 32);
        Assert.StartsWith("http://127.0.0.1:", first.BaseUrl, StringComparison.Ordinal);
    }

    private static Task<RegisterSandbox> StartAsync(RegisterSandboxOptions? options = null)
    {
        options ??= new RegisterSandboxOptions();
        options.Latency = TimeSpan.Zero;
        return RegisterSandbox.StartAsync(options, TestContext.Token);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, RegisterSandbox sandbox, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.BaseUrl + RegisterSandbox.FindPartyPath)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", sandbox.ApiKey);
        return await http.SendAsync(request, TestContext.Token);
    }

    private static async Task<JsonArray> SuggestionsAsync(HttpClient http, RegisterSandbox sandbox, string body)
    {
        using var response = await PostAsync(http, sandbox, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Token))!["suggestions"]!.AsArray();
    }
}
