using SyncGrid.Abstractions;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;
using SyncGrid.Sandbox.Bitrix24;
using static SyncGrid.Grains.Tests.Sample;

namespace SyncGrid.Grains.Tests.Bitrix24;

public sealed class CompanySyncTests(SyncFixture fixture) : IClassFixture<SyncFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Submit_ValidatedCompaniesUnderFaultsAndLostAnswers_ExactlyOneEntityEachNoDuplicateValues()
    {
        var portal = fixture.Portal;
        portal.Faults.ErrorRate5xx = 0.2;
        portal.Faults.SetFailAfterCommit("crm.company.add", 0.25, Bitrix24CommitFailure.Status500);
        portal.Faults.SetFailAfterCommit("crm.requisite.add", 0.1, Bitrix24CommitFailure.Drop);
        portal.Faults.SetFailAfterCommit("crm.contact.add", 0.1, Bitrix24CommitFailure.Timeout);
        var active = fixture.Active.Take(30).ToList();
        var before = portal.Inspect().EntityCounts;
        try
        {
            await Task.WhenAll(active.Select(tin => fixture.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Submission([Rich(tin)], People(tin)))));

            await WaitForAsync(active, CompanySyncStatus.Synced);
            await WaitForContactsAsync(before.GetValueOrDefault("contact") + (active.Count * 2) + 1);
        }
        finally
        {
            portal.Faults.Reset();
        }

        var inspection = portal.Inspect();
        Assert.True(inspection.RequestsByStatus.GetValueOrDefault(500) + inspection.RequestsByStatus.GetValueOrDefault(0) > 0, "the injected faults must have fired for this test to mean anything");
        int Added(string entity) => inspection.EntityCounts.GetValueOrDefault(entity) - before.GetValueOrDefault(entity);
        Assert.Equal(active.Count, Added("company"));
        Assert.Empty(inspection.OriginDuplicates);
        Assert.Empty(inspection.MultiFieldDuplicates);
        Assert.Equal(active.Count, Added("requisite"));
        Assert.Equal(active.Count, Added("bankdetail"));
        Assert.Equal((active.Count * 2) + 1, Added("contact"));
        Assert.Equal(0, inspection.QueryLimitErrors);

        // The person under every company is one Bitrix24 contact bound to all of them.
        var shared = await fixture.Grains.GetGrain<IContactGrain>("email:shared.person@example.ru").GetSnapshotAsync();
        Assert.NotNull(shared.Bitrix24ContactId);
        Assert.Equal(active.Count, shared.Merged!.Companies.Count);
        foreach (var tin in active.Take(3))
        {
            var state = await fixture.Grains.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync();
            Assert.Equal(CompanySyncStatus.Synced, state.Status);
            Assert.NotNull((await fixture.ReadModel.ListCompaniesAsync(null, null, 100_000)).Single(r => r.Tin == tin).Bitrix24CompanyId);
        }
    }

    [Fact]
    public async Task Submit_UnchangedAgainAfterSync_NoBitrix24CallAndNoLookup()
    {
        var tins = fixture.Active.Skip(30).Take(5).ToList();
        await Task.WhenAll(tins.Select(tin => fixture.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Submission([Rich(tin)]))));
        await WaitForAsync(tins, CompanySyncStatus.Synced);
        var requests = fixture.Portal.Inspect().RequestsByMethod.Values.Sum();
        var lookups = fixture.Register.Stats.Requests;

        await Task.WhenAll(tins.Select(tin => fixture.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Submission([Rich(tin)]))));
        await Task.WhenAll(tins.Select(tin => fixture.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Submission([Rich(tin, minutes: 60)]))));
        await WaitForAsync(tins, CompanySyncStatus.Synced);

        Assert.Equal(requests, fixture.Portal.Inspect().RequestsByMethod.Values.Sum());
        Assert.Equal(lookups, fixture.Register.Stats.Requests);
    }

    [Fact]
    public async Task Submit_LiquidatedAndUnknown_NeverReachBitrix24()
    {
        var unknown = NewTin();
        var tins = fixture.Liquidated.Append(unknown).ToList();

        await Task.WhenAll(tins.Select(tin => fixture.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Submission([Rich(tin)]))));

        await WaitForAsync(fixture.Liquidated, CompanySyncStatus.Inactive);
        await WaitForAsync([unknown], CompanySyncStatus.Rejected);
        var rejected = await fixture.Grains.GetGrain<ICompanyGrain>(unknown).GetSyncStateAsync();
        Assert.Equal("register.not-found", rejected.StatusReason);
        var inactive = await fixture.Grains.GetGrain<ICompanyGrain>(fixture.Liquidated[0]).GetSyncStateAsync();
        Assert.Equal("register.status.liquidated", inactive.StatusReason);
    }

    [Fact]
    public async Task Gateway_ThousandsOfCommandsToThePortal_NoLimitError()
    {
        var gateway = fixture.Grains.GetGrain<IBitrix24GatewayGrain>("volume-check");
        var before = fixture.Portal.Inspect();

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => gateway.ExecuteAsync(
        [
            new Domain.Bitrix24.Bitrix24Command("crm.company.list", Domain.Bitrix24.Bitrix24Query.Encode(new Dictionary<string, object?> { ["filter"] = new Dictionary<string, object?> { ["ORIGIN_ID"] = $"none-{i}" }, ["start"] = -1 })),
            new Domain.Bitrix24.Bitrix24Command("crm.contact.list", Domain.Bitrix24.Bitrix24Query.Encode(new Dictionary<string, object?> { ["filter"] = new Dictionary<string, object?> { ["ORIGIN_ID"] = $"none-{i}" }, ["start"] = -1 })),
            new Domain.Bitrix24.Bitrix24Command("crm.requisite.preset.list", string.Empty),
        ])));

        Assert.All(results.SelectMany(r => r), r => Assert.Equal(Domain.Bitrix24.Bitrix24Outcome.Ok, r.Outcome));
        var after = fixture.Portal.Inspect();
        Assert.Equal(before.QueryLimitErrors, after.QueryLimitErrors);
        var stats = await gateway.GetStatsAsync();
        Assert.Equal(3000, stats.Commands);
        Assert.True(stats.Requests <= 120, $"1,000 groups (3,000 commands) took {stats.Requests} requests; coalesced batches of up to 50 need about 60");
    }

    [Fact]
    public async Task Submit_ManyConcurrentRecordsForOneTin_OneRegisterLookup()
    {
        var tin = fixture.Active[41];
        var lookups = fixture.Register.Stats.Requests;

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => fixture.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Submission([Rich(tin, minutes: i) with { Source = new SourceRef(i % 2 == 0 ? SourceStore.StoreA : SourceStore.StoreB, $"many-{i}", T0.AddMinutes(i)) }]))));
        await WaitForAsync([tin], CompanySyncStatus.Synced);

        Assert.Equal(lookups + 1, fixture.Register.Stats.Requests);
    }

    [Fact]
    public async Task Submit_RegisterDownForAWhile_CompaniesWaitThenValidateWithoutLoss()
    {
        var tins = fixture.Active.Skip(35).Take(5).ToList();
        fixture.Register.StartOutage(TimeSpan.FromSeconds(2));

        await Task.WhenAll(tins.Select(tin => fixture.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Submission([Rich(tin)]))));

        await WaitForAsync(tins, CompanySyncStatus.Synced);
        var history = (await fixture.Grains.GetGrain<ICompanyGrain>(tins[0]).GetSyncStateAsync()).History.Select(h => h.Status).ToList();
        Assert.Equal([CompanySyncStatus.Received, CompanySyncStatus.ValidationPending, CompanySyncStatus.SyncPending, CompanySyncStatus.Synced], history.Distinct());
        Assert.True(fixture.Register.Stats.ByStatus.Keys.Any(status => status >= 500), "the outage must have answered some lookups with 5xx");
    }

    [Fact]
    public async Task Submit_ChangedRecordAfterDeactivation_VerdictReusedNoSecondLookup()
    {
        var tin = fixture.Active[40];
        var company = fixture.Grains.GetGrain<ICompanyGrain>(tin);
        await company.SubmitAsync(Submission([Rich(tin)]));
        await WaitForAsync([tin], CompanySyncStatus.Synced);
        var lookups = fixture.Register.Stats.Requests;

        await fixture.Cluster.DeactivateAsync(company);
        await company.SubmitAsync(Submission([Rich(tin, minutes: 5) with { Name = new Domain.Text.CompanyName("ООО Переименованная", "ООО", "переименованная") }]));
        await WaitForAsync([tin], CompanySyncStatus.Synced);

        Assert.Equal(lookups, fixture.Register.Stats.Requests);
        var state = await company.GetSyncStateAsync();
        Assert.Equal("ООО Переименованная", state.Merged!.Name!.Value.Display);
    }

    [Fact]
    public async Task Submit_ContactOfLiquidatedCompany_NeverReachesBitrix24()
    {
        var tin = fixture.Liquidated[^1];
        await fixture.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Submission([Rich(tin)], [Person(tin, "liquidated.staff@example.ru", "lq")]));

        await WaitForAsync([tin], CompanySyncStatus.Inactive);

        var contact = await fixture.Grains.GetGrain<IContactGrain>("email:liquidated.staff@example.ru").GetSnapshotAsync();
        Assert.NotNull(contact.Merged);
        Assert.Null(contact.Bitrix24ContactId);
    }

    [Fact]
    public async Task Submit_ContactArrivesWithAnUpdateOfASyncedCompany_ContactIsPushedAndBound()
    {
        var tin = fixture.Active[42];
        var company = fixture.Grains.GetGrain<ICompanyGrain>(tin);
        await company.SubmitAsync(Submission([Rich(tin)], [Person(tin, $"early.{tin}@example.ru", $"{tin}-early")]));
        await WaitForAsync([tin], CompanySyncStatus.Synced);
        await WaitForContactPushAsync($"email:early.{tin}@example.ru");

        // A newer company record (another phone: an update is due) carries a contact the company has not seen: it is
        // bound while the company is on its way back to Bitrix24 and must still learn the company's id.
        var newer = Rich(tin, minutes: 90) with { Phones = [] };
        await company.SubmitAsync(Submission([newer], [Person(tin, $"late.{tin}@example.ru", $"{tin}-late")]));
        await WaitForAsync([tin], CompanySyncStatus.Synced);

        var late = await WaitForContactPushAsync($"email:late.{tin}@example.ru");
        Assert.Contains(tin, late.Merged!.Companies.Select(t => t.Value));
    }

    private async Task<ContactSnapshot> WaitForContactPushAsync(string key)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var snapshot = await fixture.Grains.GetGrain<IContactGrain>(key).GetSnapshotAsync();
            if (snapshot.Bitrix24ContactId is not null)
            {
                return snapshot;
            }

            Assert.True(watch.Elapsed < Deadline, $"{key} was not pushed within {Deadline}: companies [{string.Join(", ", snapshot.Merged?.Companies.Select(t => t.Value) ?? [])}], last error {snapshot.LastError}");
            await Task.Delay(100);
        }
    }

    private async Task WaitForContactsAsync(int count)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (fixture.Portal.Inspect().EntityCounts.GetValueOrDefault("contact") < count)
        {
            Assert.True(watch.Elapsed < Deadline, $"Bitrix24 holds {fixture.Portal.Inspect().EntityCounts.GetValueOrDefault("contact")} contacts after {Deadline}; expected {count}");
            await Task.Delay(100);
        }

        // Let the last pushes settle before counting for duplicates.
        await Task.Delay(500);
    }

    private static List<ContactRecord> People(string tin) =>
    [
        Person(tin, $"first.{tin}@example.ru", $"{tin}-1"),
        Person(tin, $"second.{tin}@example.ru", $"{tin}-2"),
        Person(tin, "shared.person@example.ru", $"{tin}-shared", "Общий Сотрудник"),
    ];

    private static ContactRecord Person(string tin, string email, string id, string name = "Иванов Иван Иванович") =>
        RecordNormalizer.Normalize(new RawContact
        {
            Source = new SourceRef(SourceStore.StoreA, "c-" + id, T0),
            CompanyInn = tin,
            FullName = name,
            Position = "менеджер",
            Phones = ["+7 916 555-44-33"],
            Emails = [email],
        }).Record!;

    private async Task WaitForAsync(IReadOnlyList<string> tins, CompanySyncStatus status)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var states = await Task.WhenAll(tins.Select(t => fixture.Grains.GetGrain<ICompanyGrain>(t).GetSyncStateAsync()));
            if (states.All(s => s.Status == status))
            {
                return;
            }

            if (watch.Elapsed > Deadline)
            {
                var stuck = states.Where(s => s.Status != status).Select(s => $"{s.Tin}: {s.Status} {s.StatusReason}");
                Assert.Fail($"Not all companies reached {status} within {Deadline}: {string.Join("; ", stuck.Take(5))}");
            }

            await Task.Delay(100);
        }
    }

    private static CompanyRecord Rich(string tin, int minutes = 0) =>
        RecordNormalizer.Normalize(new RawCompany
        {
            Source = new SourceRef(SourceStore.StoreA, "rich-" + tin, T0.AddMinutes(minutes)),
            Inn = tin,
            Name = $"ООО «Компания {tin}»",
            Kpp = tin[..4] + "01001",
            Phones = ["8 (495) 500-55-50, +7 916 123-45-67"],
            Emails = [$"info@{tin}.example.ru"],
            BankAccounts = [new RawBankAccount("044525225", "40702810400000000225", "ПАО Сбербанк")],
        }).Record!;
}
