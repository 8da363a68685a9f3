using SyncGrid.Abstractions;
using static SyncGrid.Grains.Tests.Sample;

namespace SyncGrid.Grains.Tests.Bitrix24;

public sealed class CompanyResyncTests(SyncFixture fixture) : IClassFixture<SyncFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ResyncAsync_SyncedCompany_AsksTheRegisterAndRewritesByIdWithoutAdding()
    {
        var tin = fixture.Active[0];
        var company = fixture.Grains.GetGrain<ICompanyGrain>(tin);
        await company.SubmitAsync(Submission([Company(tin, A("resync-" + tin, 0))]));
        var synced = await WaitAsync(company, s => s.Status == CompanySyncStatus.Synced);
        var lookups = fixture.Register.Stats.Requests;
        var before = fixture.Portal.Inspect();

        var result = await company.ResyncAsync();

        Assert.True(result.Accepted, result.Message);
        Assert.Equal(CompanySyncStatus.ValidationPending, result.Status);
        var after = await WaitAsync(company, s => s.Status == CompanySyncStatus.Synced && s.Version > synced.Version + 1);
        var now = fixture.Portal.Inspect();
        Assert.Equal(lookups + 1, fixture.Register.Stats.Requests);
        Assert.Equal(synced.Bitrix24CompanyId, after.Bitrix24CompanyId);
        Assert.Equal(synced.Bitrix24Entities, after.Bitrix24Entities);
        Assert.Equal(before.EntityCounts, now.EntityCounts);
        Assert.True(now.BatchCommandsByMethod.GetValueOrDefault("crm.company.get") > before.BatchCommandsByMethod.GetValueOrDefault("crm.company.get"));
        Assert.True(now.BatchCommandsByMethod.GetValueOrDefault("crm.requisite.update") > before.BatchCommandsByMethod.GetValueOrDefault("crm.requisite.update"));
        Assert.Equal(0, now.BatchCommandsByMethod.GetValueOrDefault("crm.company.add") - before.BatchCommandsByMethod.GetValueOrDefault("crm.company.add"));
        Assert.Equal(
            [CompanySyncStatus.ValidationPending, CompanySyncStatus.SyncPending, CompanySyncStatus.Synced],
            after.History.SkipWhile(h => h.Reason != CompanyGrain.ResyncReason).Select(h => h.Status));

        var plan = await company.PlanBitrix24Async();
        Assert.Equal(CompanyPlanOutcome.UpToDate, plan.Outcome);
    }

    [Fact]
    public async Task ResyncAsync_NeverSeen_NotAcceptedAndNothingWritten()
    {
        var company = fixture.Grains.GetGrain<ICompanyGrain>(NewTin());

        var result = await company.ResyncAsync();

        Assert.False(result.Accepted);
        Assert.Contains("nothing to sync", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await company.GetSyncStateAsync()).Version);
    }

    [Fact]
    public async Task ResyncAsync_Withdrawn_NotAccepted()
    {
        var tin = fixture.Active[1];
        var company = fixture.Grains.GetGrain<ICompanyGrain>(tin);
        await company.SubmitAsync(Submission([Company(tin, A("w-" + tin, 0))]));
        await company.SubmitAsync(Submission([Company(tin, A("w-" + tin, 5), deleted: true)]));

        var result = await company.ResyncAsync();

        Assert.False(result.Accepted);
        Assert.Equal(CompanySyncStatus.Withdrawn, result.Status);
        Assert.Equal(CompanyPlanOutcome.Blocked, (await company.PlanBitrix24Async()).Outcome);
    }

    private static async Task<CompanySyncSnapshot> WaitAsync(ICompanyGrain company, Func<CompanySyncSnapshot, bool> done)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var state = await company.GetSyncStateAsync();
            if (done(state))
            {
                return state;
            }

            Assert.True(watch.Elapsed < Deadline, $"company {state.Tin} is {state.Status} ({state.StatusReason}) after {Deadline}");
            await Task.Delay(50);
        }
    }
}
