using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Api.Contracts;
using SyncGrid.Sources.Import;

namespace SyncGrid.Api.Tests;

[Collection(ApiTestGroup.Name)]
public sealed class ApiTests(ApiFixture fixture)
{
    private static readonly JsonSerializerOptions Json = SyncGridApiJson.Options;

    [Theory]
    [InlineData("api/v1/companies/7707083893")]
    [InlineData("api/v1/companies?status=synced")]
    [InlineData("api/v1/rejects")]
    [InlineData("api/v1/sources")]
    [InlineData("api/v1/plan")]
    public async Task AnyApiCall_WithoutToken_401WithProblemDetails(string path)
    {
        using var response = await fixture.Anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var problem = await Problem(response);
        Assert.Equal("auth.token", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ApiCall_WrongToken_401SaysTheTokenIsNotTheConfiguredOne()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/companies/7707083893/resync");
        request.Headers.Authorization = new("Bearer", ApiFixture.Token + "x");

        using var response = await fixture.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not the configured one", (await Problem(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7707083894", "tin.checksum", "check digit")]
    [InlineData("12345", "tin.length", "this one has 5")]
    [InlineData("77O7083893", "tin.format", "characters other than digits")]
    public async Task GetCompany_BadTin_400SaysWhy(string tin, string code, string reason)
    {
        using var response = await fixture.Http.GetAsync(new Uri($"api/v1/companies/{tin}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Problem(response);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCompany_NeverSeen_404()
    {
        var tin = Sample.NewTin();

        using var response = await fixture.Http.GetAsync(new Uri($"api/v1/companies/{tin}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await Problem(response);
        Assert.Equal("company.unknown", problem.GetProperty("code").GetString());
        Assert.Contains(tin, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCompany_AfterSubmitAndSync_StatusVerdictIdsFieldsContactsHistory()
    {
        var tin = fixture.NextActive();
        await fixture.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Sample.Submission(tin, $"buh.{tin}@example.ru"));
        await fixture.WaitForAsync([tin], CompanySyncStatus.Synced);

        // Free text is normalised: the path may hold spaces and a prefix.
        var state = await fixture.Http.GetFromJsonAsync<CompanyStateResponse>(new Uri($"api/v1/companies/{Uri.EscapeDataString("ИНН " + tin)}", UriKind.Relative), Json);

        Assert.NotNull(state);
        Assert.Equal(tin, state.Tin);
        Assert.Equal(CompanySyncStatus.Synced, state.Status);
        Assert.Equal("active", state.Register!.Verdict);
        Assert.NotNull(state.Bitrix24.CompanyId);
        Assert.Contains(state.Bitrix24.Entities, e => e.Kind == "requisite" && e.Key == tin[..4] + "01001");
        Assert.Contains(state.Bitrix24.Entities, e => e.Kind == "bankdetail");
        var name = Assert.Single(state.Fields, f => f.Field == "name");
        Assert.Equal(("store-a", "co-" + tin), (name.Source.Store, name.Source.Id));
        Assert.Contains(state.Fields, f => f.Field == "phones");
        var contact = Assert.Single(state.Contacts);
        Assert.Equal($"email:buh.{tin}@example.ru", contact.Key);
        Assert.Equal("Петров Пётр Петрович", contact.Name);
        Assert.Equal(1, state.ContactCount);
        Assert.Equal([CompanySyncStatus.Received, CompanySyncStatus.ValidationPending, CompanySyncStatus.SyncPending, CompanySyncStatus.Synced], state.History.Select(h => h.Status).Distinct());
        Assert.Null(state.Bitrix24.LastError);

        var raw = await fixture.Http.GetStringAsync(new Uri($"api/v1/companies/{tin}", UriKind.Relative));
        Assert.Contains("\"status\":\"synced\"", raw, StringComparison.Ordinal);
        Assert.Contains("\"companyId\":", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListCompanies_ByStatusInPages_EveryCompanyOnceInTinOrder()
    {
        // TINs the register does not know end up rejected (register.not-found).
        var tins = Enumerable.Range(0, 5).Select(_ => Sample.NewTin()).ToList();
        await Task.WhenAll(tins.Select(t => fixture.Grains.GetGrain<ICompanyGrain>(t).SubmitAsync(Sample.Submission(t))));
        await fixture.WaitForAsync(tins, CompanySyncStatus.Rejected);

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await fixture.Http.GetFromJsonAsync<CompanyPage>(new Uri($"api/v1/companies?status=rejected&limit=2{(after is null ? string.Empty : "&after=" + after)}", UriKind.Relative), Json);
            Assert.True(page!.Items.Count <= 2, $"page {pages} has {page.Items.Count} rows, limit 2");
            Assert.All(page.Items, c => Assert.Equal(CompanySyncStatus.Rejected, c.Status));
            seen.AddRange(page.Items.Select(c => c.Tin));
            after = page.Next;
            pages++;
        }
        while (after is not null && pages < 100);

        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(tins.ToHashSet(), seen.ToHashSet());
        Assert.True(pages >= 3, $"5 companies in pages of 2 took {pages} pages");

        // Any spelling of a status works; the counts agree with the listing.
        var kebab = await fixture.Http.GetFromJsonAsync<CompanyPage>(new Uri("api/v1/companies?status=Rejected&limit=1000", UriKind.Relative), Json);
        Assert.Equal(seen, kebab!.Items.Select(c => c.Tin));
        var counts = await fixture.Http.GetFromJsonAsync<CompanyCounts>(new Uri("api/v1/companies/counts", UriKind.Relative), Json);
        Assert.Equal(seen.Count, counts!.ByStatus[CompanySyncStatus.Rejected]);
        Assert.Equal(counts.ByStatus.Values.Sum(), counts.Total);
    }

    [Theory]
    [InlineData("api/v1/companies?status=done", "status")]
    [InlineData("api/v1/companies?status=5", "status")]
    [InlineData("api/v1/companies?limit=0", "limit")]
    [InlineData("api/v1/companies?limit=many", "limit")]
    [InlineData("api/v1/rejects?store=store-c", "store")]
    [InlineData("api/v1/rejects?limit=1001", "limit")]
    [InlineData("api/v1/plan?limit=-1", "limit")]
    public async Task Listing_BadParameter_400NamesIt(string path, string parameter)
    {
        using var response = await fixture.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem(response);
        Assert.Equal("request.parameter", problem.GetProperty("code").GetString());
        Assert.Contains($"'{parameter}'", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListRejects_ByStoreAndReason_OnlyMatchingWithPositionAndCounts()
    {
        var partner = "bad-" + Sample.NewTin();
        var ingest = fixture.Grains.GetGrain<IPartnerIngestGrain>(partner);
        await ingest.IngestAsync(Sample.PartnerEvent(partner, "7707083894"), "sapcrm.partners/1@41");
        await ingest.IngestAsync(Sample.PartnerEvent(partner, "7707083894"), "sapcrm.partners/1@42");

        var page = await fixture.Http.GetFromJsonAsync<RejectPage>(new Uri($"api/v1/rejects?store=store-b&reason=tin.&sourceId={partner}", UriKind.Relative), Json);

        var reject = Assert.Single(page!.Items);
        Assert.Equal(("store-b", partner, "tin.checksum", "7707083894"), (reject.Store, reject.SourceId, reject.ReasonCode, reject.RawValue));
        Assert.Equal("sapcrm.partners/1@42", reject.SourcePosition);
        Assert.Equal(2, reject.Count);
        Assert.Equal(1, page.ByReason["tin.checksum"]); // distinct rejects: the same bad value seen twice counts once
        Assert.Null(page.NextOffset);

        var otherStore = await fixture.Http.GetFromJsonAsync<RejectPage>(new Uri($"api/v1/rejects?store=store-a&sourceId={partner}", UriKind.Relative), Json);
        Assert.Empty(otherStore!.Items);
        var otherReason = await fixture.Http.GetFromJsonAsync<RejectPage>(new Uri($"api/v1/rejects?reason=phone.&sourceId={partner}", UriKind.Relative), Json);
        Assert.Empty(otherReason!.Items);
    }

    [Fact]
    public async Task Resync_SyncedCompany_ValidatesAndPushesAgainWithoutDuplicates()
    {
        var tin = fixture.NextActive();
        var company = fixture.Grains.GetGrain<ICompanyGrain>(tin);
        await company.SubmitAsync(Sample.Submission(tin));
        await fixture.WaitForAsync([tin], CompanySyncStatus.Synced);
        var before = await company.GetSyncStateAsync();
        var lookups = fixture.Register.Stats.Requests;
        var commands = fixture.Portal.Inspect().BatchCommandsByMethod;
        var entities = fixture.Portal.Inspect().EntityCounts;

        using var response = await fixture.Http.PostAsync(new Uri($"api/v1/companies/{tin}/resync", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<ResyncResponse>(Json);
        Assert.Equal(CompanySyncStatus.ValidationPending, accepted!.Status);
        await fixture.WaitForAsync([tin], CompanySyncStatus.Synced, s => s.Version > before.Version + 1 && s.History[^1].Status == CompanySyncStatus.Synced && s.History.Any(h => h.Reason == "resync requested"));
        var after = await company.GetSyncStateAsync();
        Assert.Equal(lookups + 1, fixture.Register.Stats.Requests);
        var now = fixture.Portal.Inspect();
        Assert.True(now.BatchCommandsByMethod.GetValueOrDefault("crm.company.get") > commands.GetValueOrDefault("crm.company.get"), "the re-sync must re-read the company in Bitrix24");
        Assert.True(now.BatchCommandsByMethod.GetValueOrDefault("crm.requisite.update") > commands.GetValueOrDefault("crm.requisite.update"), "the re-sync must re-write the requisite by its id");
        Assert.Equal(entities.GetValueOrDefault("company"), now.EntityCounts.GetValueOrDefault("company"));
        Assert.Equal(entities.GetValueOrDefault("requisite"), now.EntityCounts.GetValueOrDefault("requisite"));
        Assert.Equal(before.Bitrix24CompanyId, after.Bitrix24CompanyId);
        Assert.Empty(now.OriginDuplicates);
    }

    [Fact]
    public async Task Resync_CompanyDeletedInBitrix24_AddedAgainOnce()
    {
        var tin = fixture.NextActive();
        var company = fixture.Grains.GetGrain<ICompanyGrain>(tin);
        await company.SubmitAsync(Sample.Submission(tin));
        await fixture.WaitForAsync([tin], CompanySyncStatus.Synced);
        var deletedId = (await company.GetSyncStateAsync()).Bitrix24CompanyId!.Value;
        using (var portal = new HttpClient())
        {
            var deleted = await portal.GetStringAsync(new Uri(fixture.Portal.WebhookUrl, $"crm.company.delete.json?id={deletedId}"));
            Assert.Contains("true", deleted, StringComparison.Ordinal);
        }

        var companies = fixture.Portal.Inspect().EntityCounts.GetValueOrDefault("company");

        using var response = await fixture.Http.PostAsync(new Uri($"api/v1/companies/{tin}/resync", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await fixture.WaitForAsync([tin], CompanySyncStatus.Synced, s => s.Bitrix24CompanyId is { } id && id != deletedId);
        Assert.Equal(companies + 1, fixture.Portal.Inspect().EntityCounts.GetValueOrDefault("company"));
        Assert.Empty(fixture.Portal.Inspect().OriginDuplicates);
    }

    [Fact]
    public async Task Resync_UnknownOrBadTin_404Or400()
    {
        using var unknown = await fixture.Http.PostAsync(new Uri($"api/v1/companies/{Sample.NewTin()}/resync", UriKind.Relative), null);
        using var bad = await fixture.Http.PostAsync(new Uri("api/v1/companies/123/resync", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Plan_UnsyncedCompaniesThenSynced_AddsPlannedThenNothing()
    {
        var tins = new[] { fixture.NextActive(), fixture.NextActive() };
        var portalCommands = fixture.Portal.Inspect().BatchCommandsByMethod.Values.Sum();
        fixture.Register.StartOutage(TimeSpan.FromSeconds(4));
        await Task.WhenAll(tins.Select(t => fixture.Grains.GetGrain<ICompanyGrain>(t).SubmitAsync(Sample.Submission(t, $"plan.{t}@example.ru"))));

        var first = tins.Order(StringComparer.Ordinal).First();
        var before = await fixture.Http.GetFromJsonAsync<PlanResponse>(new Uri($"api/v1/plan?status=validation-pending&after={Previous(first)}&limit=2&sample=50", UriKind.Relative), Json);
        var one = await fixture.Http.GetFromJsonAsync<CompanyPlanResponse>(new Uri($"api/v1/companies/{tins[0]}/plan", UriKind.Relative), Json);

        Assert.Equal(2, before!.CompaniesScanned);
        Assert.Equal(2, before.CompaniesWithWrites);
        Assert.Equal(2, before.CommandsByMethod["crm.company.add"]);
        Assert.Equal(2, before.CommandsByMethod["crm.requisite.add"]);
        Assert.Equal(2, before.CommandsByMethod["crm.requisite.bankdetail.add"]);
        Assert.Equal(2, before.CommandsByMethod["crm.contact.add"]);
        Assert.Contains(before.Sample, c => c.Tin == tins[0] && c.Method == "crm.company.add" && c.Entity == $"company:{tins[0]}" && c.Summary.Contains("TITLE", StringComparison.Ordinal));
        Assert.Contains("not read", before.Basis, StringComparison.Ordinal);
        Assert.True(one!.Outcome == CompanyPlanOutcome.Writes, $"{one.Tin} {one.Status} {one.Outcome} {one.Reason} {string.Join("; ", one.Commands)} walked: {string.Join("; ", before.Sample)}");
        Assert.Contains("register", one.Reason, StringComparison.Ordinal);
        Assert.Equal(4, one.Commands.Count);
        Assert.Equal(portalCommands, fixture.Portal.Inspect().BatchCommandsByMethod.Values.Sum());

        await fixture.WaitForAsync(tins, CompanySyncStatus.Synced);
        await WaitForContactsAsync(tins);

        var after = await fixture.Http.GetFromJsonAsync<CompanyPlanResponse>(new Uri($"api/v1/companies/{tins[0]}/plan", UriKind.Relative), Json);
        Assert.Equal(CompanyPlanOutcome.UpToDate, after!.Outcome);
        Assert.Empty(after.Commands);
        var synced = await fixture.Http.GetFromJsonAsync<PlanResponse>(new Uri($"api/v1/plan?status=synced&limit=1000", UriKind.Relative), Json);
        Assert.DoesNotContain(synced!.Sample, c => tins.Contains(c.Tin));
    }

    [Fact]
    public async Task Plan_RejectedCompany_BlockedWithTheReason()
    {
        var tin = Sample.NewTin();
        await fixture.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Sample.Submission(tin));
        await fixture.WaitForAsync([tin], CompanySyncStatus.Rejected);

        var plan = await fixture.Http.GetFromJsonAsync<CompanyPlanResponse>(new Uri($"api/v1/companies/{tin}/plan", UriKind.Relative), Json);

        Assert.Equal(CompanyPlanOutcome.Blocked, plan!.Outcome);
        Assert.Equal("register.not-found", plan.Reason);
        Assert.Empty(plan.Commands);
    }

    [Fact]
    public async Task Sources_KafkaGroupBehind_ReportsOffsetsAndLag()
    {
        var before = Assert.Single((await fixture.Http.GetFromJsonAsync<SourcesResponse>(new Uri("api/v1/sources", UriKind.Relative), Json))!.Sources, s => s.Source == "kafka:" + ApiFixture.ProgressTopic);
        var (end0, end1) = (before.Parts[0].End!.Value, before.Parts[1].End!.Value);
        await fixture.PublishProgressAsync(perPartition: 5);
        fixture.CommitProgress(end0 + 3);

        var sources = await fixture.Http.GetFromJsonAsync<SourcesResponse>(new Uri("api/v1/sources", UriKind.Relative), Json);

        var kafka = Assert.Single(sources!.Sources, s => s.Source == "kafka:" + ApiFixture.ProgressTopic);
        Assert.Null(kafka.LastError);
        Assert.Equal("kafka", kafka.Kind);
        Assert.Equal(end0 + end1 + 10, kafka.Total);
        Assert.Equal(end0 + 3, kafka.Processed);
        Assert.Equal(2 + end1 + 5, kafka.Lag);
        Assert.Equal([end0 + 3, null], kafka.Parts.Select(p => p.Position));
        Assert.Equal([2L, end1 + 5], kafka.Parts.Select(p => p.Lag));
    }

    [Fact]
    public async Task Sources_StoreACoordinatorPolled_ReportsTheWatermarkPerTable_AndTheTopicHoldsThePublishedRows()
    {
        fixture.StoreA.PutCompany(11, Sample.NewTin(), 5);
        fixture.StoreA.PutCompany(12, Sample.NewTin(), 7);
        fixture.StoreA.PutCompany(13, Sample.NewTin(), 7);
        var polled = await fixture.Grains.GetGrain<IStoreACoordinatorGrain>("store-a").PollNowAsync();
        Assert.All(polled.Tables, t => Assert.Null(t.LastError));

        var sources = (await fixture.Http.GetFromJsonAsync<SourcesResponse>(new Uri("api/v1/sources", UriKind.Relative), Json))!.Sources;

        var companies = Assert.Single(sources, s => s.Source == "store-a:companies");
        Assert.Equal(("replica", "rows", 3L), (companies.Kind, companies.Unit, companies.Processed));
        Assert.Null(companies.LastError);
        Assert.Null(companies.Lag);
        Assert.Equal(polled.Tables[0].LastPollAt, companies.UpdatedAt);
        Assert.StartsWith("watermark updated_at=2026-10-01T09:07:00.000000 id=13; full extract done", companies.Position, StringComparison.Ordinal);
        Assert.Contains("3 rows read, 3 published; coordinator not polling", companies.Position, StringComparison.Ordinal);
        var contacts = Assert.Single(sources, s => s.Source == "store-a:contacts");
        Assert.Equal(0, contacts.Processed);
        Assert.StartsWith("no watermark yet", contacts.Position, StringComparison.Ordinal);
        var topic = Assert.Single(sources, s => s.Source == "kafka:syncgrid.store-a");
        Assert.Equal((3L, 3L), (topic.Total, topic.Lag));
    }

    [Fact]
    public async Task Sources_ExportCheckpoints_ReportEachFileNewestFirstWithItsCheckpoint()
    {
        var t0 = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        var done = new SourceCheckpoint
        {
            Source = StoreBExportImporter.CheckpointSource,
            Identity = new string('a', 64),
            Name = "partners-2026-10.json.gz",
            Size = 1_000_000,
            LastIndex = 9_999,
            ByteOffset = 52_000_123,
            Records = 10_000,
            Rejected = 17,
            StartedAt = t0,
            UpdatedAt = t0.AddMinutes(30),
            CompletedAt = t0.AddMinutes(30),
        };
        await fixture.Checkpoints.SaveAsync(done);
        await fixture.Checkpoints.SaveAsync(done with { Identity = new string('b', 64), Name = "partners-2026-11.json.gz", LastIndex = 4_199, ByteOffset = 21_000_456, Records = 4_200, Rejected = 3, UpdatedAt = t0.AddHours(2), CompletedAt = null });

        var sources = (await fixture.Http.GetFromJsonAsync<SourcesResponse>(new Uri("api/v1/sources", UriKind.Relative), Json))!.Sources;

        var completed = Assert.Single(sources, s => s.Source == "export:partners-2026-10.json.gz");
        Assert.Equal(("export-file", "records", 10_000L, 10_000L, 0L), (completed.Kind, completed.Unit, completed.Processed, completed.Total, completed.Lag));
        Assert.Equal("last index 9999, byte offset 52000123, 17 rejected, file 1000000 bytes; completed 2026-11-02 08:30:00Z", completed.Position);
        Assert.Equal(t0.AddMinutes(30), completed.UpdatedAt);
        var running = Assert.Single(sources, s => s.Source == "export:partners-2026-11.json.gz");
        Assert.Equal((4_200L, (long?)null, (long?)null), (running.Processed, running.Total, running.Lag));
        Assert.Equal("last index 4199, byte offset 21000456, 3 rejected, file 1000000 bytes; in progress since 2026-11-02 08:00:00Z", running.Position);
        Assert.Null(running.LastError);
    }

    [Fact]
    public async Task Gateway_AfterPushes_ReportsRequestsAndCommands()
    {
        var tin = fixture.NextActive();
        await fixture.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Sample.Submission(tin));
        await fixture.WaitForAsync([tin], CompanySyncStatus.Synced);

        var gateway = await fixture.Http.GetFromJsonAsync<GatewayResponse>(new Uri("api/v1/gateway", UriKind.Relative), Json);

        Assert.Equal("default", gateway!.Portal);
        Assert.True(gateway.Requests > 0 && gateway.Commands >= gateway.Requests, $"requests {gateway.Requests}, commands {gateway.Commands}");
        Assert.Equal(0, gateway.RateLimitErrors);
    }

    [Fact]
    public async Task OpenApi_ServedWithoutToken_DescribesEveryEndpointAndTheBearerScheme()
    {
        using var document = JsonDocument.Parse(await fixture.Anonymous.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)));

        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(paths, new HashSet<string>
        {
            "/health", "/api/v1/companies/{tin}", "/api/v1/companies", "/api/v1/companies/counts", "/api/v1/companies/{tin}/resync",
            "/api/v1/companies/{tin}/plan", "/api/v1/plan", "/api/v1/rejects", "/api/v1/sources", "/api/v1/gateway",
            "/api/v1/orders/{key}", "/api/v1/orders/events", "/api/v1/orders/incidents", "/api/v1/orders/incidents/{id}", "/api/v1/orders/intake", "/bitrix24/events",
        });
        var get = root.GetProperty("paths").GetProperty("/api/v1/companies/{tin}").GetProperty("get");
        Assert.True(get.GetProperty("responses").TryGetProperty("404", out _));
        Assert.True(get.TryGetProperty("security", out _));
        Assert.Equal("bearer", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var statuses = root.GetProperty("components").GetProperty("schemas").GetProperty("CompanySyncStatus").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.Contains("sync-pending", statuses);
    }

    [Fact]
    public async Task Health_NoToken_OkWithSilos()
    {
        var health = await fixture.Anonymous.GetFromJsonAsync<HealthResponse>(new Uri("health", UriKind.Relative), Json);

        Assert.Equal(("ok", 1), (health!.Status, health.Silos));
    }

    [Fact]
    public async Task Companies_HostWithoutReadModel_ReadsReadModelAndRejectsThroughTheCluster()
    {
        var tin = Sample.NewTin();
        await fixture.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Sample.Submission(tin));
        await fixture.WaitForAsync([tin], CompanySyncStatus.Rejected);
        await fixture.Rejects.RecordAsync([new RejectEntry(Domain.Records.SourceStore.StoreA, "via-cluster-" + tin, "row 7", "phone", "12", "phone.format", "Not a phone number.")]);
        var services = new ServiceCollection().AddLogging().AddSingleton(fixture.Grains).BuildServiceProvider();
        var (app, baseUrl) = await ApiFixture.StartApiAsync(services);
        try
        {
            using var http = new HttpClient { BaseAddress = baseUrl };
            http.DefaultRequestHeaders.Authorization = new("Bearer", ApiFixture.Token);

            var page = await http.GetFromJsonAsync<CompanyPage>(new Uri($"api/v1/companies?status=rejected&after={Previous(tin)}&limit=1", UriKind.Relative), Json);
            var rejects = await http.GetFromJsonAsync<RejectPage>(new Uri($"api/v1/rejects?sourceId=via-cluster-{tin}", UriKind.Relative), Json);

            Assert.Equal(tin, Assert.Single(page!.Items).Tin);
            Assert.Equal("row 7", Assert.Single(rejects!.Items).SourcePosition);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            await services.DisposeAsync();
        }
    }

    private async Task WaitForContactsAsync(IEnumerable<string> tins)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var tin in tins)
        {
            while ((await fixture.Grains.GetGrain<IContactGrain>($"email:plan.{tin}@example.ru").GetSnapshotAsync()).Bitrix24ContactId is null)
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"the contact of {tin} was not pushed within 60 s");
                await Task.Delay(50);
            }
        }
    }

    /// <summary>A cursor just before <paramref name="tin"/> (the listing starts after it).</summary>
    internal static string Previous(string tin) => tin[..^1] + (char)(tin[^1] - 1);

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
