using System.Text.Json;
using SyncGrid.Abstractions;
using SyncGrid.Api.Contracts;
using SyncGrid.Cli;

namespace SyncGrid.Api.Tests;

/// <summary>The real <c>syncgrid</c> command tree, run in-process against the API host of <see cref="ApiFixture"/>.</summary>
[Collection(ApiTestGroup.Name)]
public sealed class CliCommandTests(ApiFixture fixture)
{
    [Fact]
    public async Task Status_SyncedCompany_TablesWithStatusFieldsContactsAndHistory()
    {
        var tin = await SyncedCompanyAsync($"cli.{{0}}@example.ru");

        var (code, output, error) = await RunAsync("status", tin);

        Assert.True(code == 0, error);
        Assert.Contains(tin, output, StringComparison.Ordinal);
        Assert.Contains("synced", output, StringComparison.Ordinal);
        Assert.Contains("active at", output, StringComparison.Ordinal);
        Assert.Contains("store-a:co-" + tin, output, StringComparison.Ordinal);
        Assert.Contains($"email:cli.{tin}@example.ru", output, StringComparison.Ordinal);
        Assert.Contains("validation-pending", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_PrintsTheApiAnswer()
    {
        var tin = await SyncedCompanyAsync();

        var (code, output, _) = await RunAsync("status", tin, "--json");

        Assert.Equal(0, code);
        var state = JsonSerializer.Deserialize<CompanyStateResponse>(output, SyncGridApiJson.Options);
        Assert.Equal((tin, CompanySyncStatus.Synced), (state!.Tin, state.Status));
        Assert.NotNull(state.Bitrix24.CompanyId);
    }

    [Fact]
    public async Task Status_UnknownCompany_Exit2WithTheProblem()
    {
        var tin = Sample.NewTin();

        var (code, _, error) = await RunAsync("status", tin);

        Assert.Equal(2, code);
        Assert.Contains("error 404: Unknown company", error, StringComparison.Ordinal);
        Assert.Contains("[company.unknown]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_BadTin_Exit1SaysWhy()
    {
        var (code, _, error) = await RunAsync("status", "7707083894");

        Assert.Equal(1, code);
        Assert.Contains("check digit", error, StringComparison.Ordinal);
        Assert.Contains("[tin.checksum]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WrongToken_Exit1()
    {
        var (code, _, error) = await SyncGridCliRunAsync("status", "7707083893", "--api-url", fixture.BaseUrl.ToString(), "--token", "not-the-token-at-all");

        Assert.Equal(1, code);
        Assert.Contains("error 401", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NoApiListening_Exit3()
    {
        var (code, _, error) = await SyncGridCliRunAsync("status", "7707083893", "--api-url", "http://127.0.0.1:1", "--token", ApiFixture.Token);

        Assert.Equal(3, code);
        Assert.Contains("could not be reached", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Companies_ByStatusAndCounts_TableAndNextPage()
    {
        var tins = Enumerable.Range(0, 3).Select(_ => Sample.NewTin()).ToList();
        await Task.WhenAll(tins.Select(t => fixture.Grains.GetGrain<ICompanyGrain>(t).SubmitAsync(Sample.Submission(t))));
        await fixture.WaitForAsync(tins, CompanySyncStatus.Rejected);

        var (code, output, error) = await RunAsync("companies", "--status", "rejected", "--after", ApiTests.Previous(tins[0]), "--limit", "2");
        var (countCode, counts, _) = await RunAsync("companies", "--counts");

        Assert.True(code == 0, error);
        Assert.Contains(tins[0], output, StringComparison.Ordinal);
        Assert.Contains(tins[1], output, StringComparison.Ordinal);
        Assert.DoesNotContain(tins[2], output, StringComparison.Ordinal);
        Assert.Contains($"next page: --after {tins[1]}", output, StringComparison.Ordinal);
        Assert.Equal(0, countCode);
        Assert.Contains("rejected", counts, StringComparison.Ordinal);
        Assert.Contains("total", counts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Companies_UnknownStatus_Exit1ListingTheStatuses()
    {
        var (code, _, error) = await RunAsync("companies", "--status", "done");

        Assert.Equal(1, code);
        Assert.Contains("sync-pending", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_FilteredBySourceId_TableWithReasonAndPosition()
    {
        var partner = "cli-bad-" + Sample.NewTin();
        await fixture.Grains.GetGrain<IPartnerIngestGrain>(partner).IngestAsync(Sample.PartnerEvent(partner, "123"), "sapcrm.partners/0@7");

        var (code, output, error) = await RunAsync("rejects", "--store", "store-b", "--reason", "tin.", "--source-id", partner);
        var (jsonCode, json, _) = await RunAsync("rejects", "--source-id", partner, "--json");

        Assert.True(code == 0, error);
        Assert.Contains(partner, output, StringComparison.Ordinal);
        Assert.Contains("tin.length", output, StringComparison.Ordinal);
        Assert.Contains("sapcrm.partners/0@7", output, StringComparison.Ordinal);
        Assert.Equal(0, jsonCode);
        var page = JsonSerializer.Deserialize<RejectPage>(json, SyncGridApiJson.Options);
        Assert.Equal("123", Assert.Single(page!.Items).RawValue);
    }

    [Fact]
    public async Task Sources_KafkaTopicsAndStoreATables_Rows()
    {
        var (code, output, error) = await RunAsync("sources");

        Assert.True(code == 0, error);
        Assert.Contains("kafka:" + ApiFixture.ProgressTopic, output, StringComparison.Ordinal);
        Assert.Contains("kafka:syncgrid.store-a", output, StringComparison.Ordinal);
        Assert.Contains("messages", output, StringComparison.Ordinal);
        Assert.Contains("store-a:companies", output, StringComparison.Ordinal);
        Assert.Contains("store-a:contacts", output, StringComparison.Ordinal);
        Assert.Contains("replica", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_Table()
    {
        await SyncedCompanyAsync();

        var (code, output, error) = await RunAsync("gateway");

        Assert.True(code == 0, error);
        Assert.Contains("QUERY_LIMIT_EXCEEDED", output, StringComparison.Ordinal);
        Assert.Contains("default", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resync_SyncedCompany_QueuedThenSyncedAgain()
    {
        var tin = await SyncedCompanyAsync();
        var version = (await fixture.Grains.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync()).Version;

        var (code, output, error) = await RunAsync("resync", tin);

        Assert.True(code == 0, error);
        Assert.Contains("re-sync queued", output, StringComparison.Ordinal);
        await fixture.WaitForAsync([tin], CompanySyncStatus.Synced, s => s.Version > version + 1 && s.History.Any(h => h.Reason == "resync requested"));
    }

    [Fact]
    public async Task Resync_UnknownCompany_Exit2()
    {
        var (code, _, _) = await RunAsync("resync", Sample.NewTin());

        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Plan_WholeGridAndOneCompany_SummaryMethodsAndBasis()
    {
        var tin = await SyncedCompanyAsync();

        var (code, output, error) = await RunAsync("plan", "--limit", "50");
        var (oneCode, one, oneError) = await RunAsync("plan", tin);
        var (jsonCode, json, _) = await RunAsync("plan", "--limit", "5", "--json");

        Assert.True(code == 0, error);
        Assert.Contains("companies planned", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", output, StringComparison.Ordinal);
        Assert.True(oneCode == 0, oneError);
        Assert.Contains($"company {tin} (synced): up-to-date", one, StringComparison.Ordinal);
        Assert.Equal(0, jsonCode);
        Assert.True(JsonSerializer.Deserialize<PlanResponse>(json, SyncGridApiJson.Options)!.CompaniesScanned <= 5);
    }

    [Fact]
    public async Task ApiUrlAndToken_FromEnvironment_Used()
    {
        // One test owns these variables; the others pass options, which win over them.
        Environment.SetEnvironmentVariable("SYNCGRID_API_URL", fixture.BaseUrl.ToString());
        Environment.SetEnvironmentVariable("SYNCGRID_API_TOKEN", ApiFixture.Token);
        try
        {
            var (code, output, error) = await SyncGridCliRunAsync("companies", "--counts");

            Assert.True(code == 0, error);
            Assert.Contains("total", output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SYNCGRID_API_URL", null);
            Environment.SetEnvironmentVariable("SYNCGRID_API_TOKEN", null);
        }
    }

    private async Task<string> SyncedCompanyAsync(string? emailPattern = null)
    {
        var tin = fixture.NextActive();
        var emails = emailPattern is null ? [] : new[] { string.Format(System.Globalization.CultureInfo.InvariantCulture, emailPattern, tin) };
        await fixture.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Sample.Submission(tin, emails));
        await fixture.WaitForAsync([tin], CompanySyncStatus.Synced);
        return tin;
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        SyncGridCliRunAsync([.. args, "--api-url", fixture.BaseUrl.ToString(), "--token", ApiFixture.Token]);

    private static async Task<(int ExitCode, string Output, string Error)> SyncGridCliRunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SyncGridCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
