using SyncGrid.Abstractions;
using SyncGrid.Domain.Records;
using static SyncGrid.Grains.Tests.Sample;

namespace SyncGrid.Grains.Tests;

public class CompanyGrainTests(GridFixture grid) : IClassFixture<GridFixture>
{
    [Fact]
    public async Task SubmitAsync_NewCompanyWithContacts_MergedAndPersistedOnce()
    {
        var tin = NewTin();
        var company = grid.Grains.GetGrain<ICompanyGrain>(tin);

        var result = await company.SubmitAsync(Submission(
            [Company(tin, A("1", 0))],
            [Contact(tin, A("c1", 0), $"ivanov.{tin}@example.ru"), Contact(tin, A("c2", 0), $"petrova.{tin}@example.ru", "Петрова Анна")]));

        Assert.Equal(new SubmitResult(RecordsApplied: 3, RecordsUnchanged: 0, StateWrites: 3), result); // the company and two contacts, once each
        var state = await company.GetSyncStateAsync();
        Assert.True(state.Exists);
        Assert.Equal(CompanySyncStatus.Received, state.Status);
        Assert.Equal("ООО \"Ромашка\"", state.Merged!.Name!.Value.Display);
        Assert.Equal([$"email:ivanov.{tin}@example.ru", $"email:petrova.{tin}@example.ru"], state.Contacts.Select(c => c.Value));
        Assert.Equal(1, state.Version);
    }

    [Fact]
    public async Task SubmitAsync_SameSubmissionTwice_PushesNoWrite()
    {
        var tin = NewTin();
        var company = grid.Grains.GetGrain<ICompanyGrain>(tin);
        var submission = Submission([Company(tin, A("1", 0)), Company(tin, B("p1", 1))], [Contact(tin, A("c1", 0), $"ivanov.{tin}@example.ru")]);
        await company.SubmitAsync(submission);

        var again = await company.SubmitAsync(submission);

        Assert.Equal(0, again.RecordsApplied);
        Assert.Equal(3, again.RecordsUnchanged);
        Assert.Equal(0, again.StateWrites);
        Assert.Equal(1, (await company.GetSyncStateAsync()).Version);
        Assert.Equal(1, (await grid.Grains.GetGrain<IContactGrain>($"email:ivanov.{tin}@example.ru").GetSnapshotAsync()).Version);
    }

    [Fact]
    public async Task SubmitAsync_TwoStores_LatestChangeWinsEachFieldWithProvenance()
    {
        var tin = NewTin();
        var company = grid.Grains.GetGrain<ICompanyGrain>(tin);

        await company.SubmitAsync(Submission([Company(tin, A("1", 0), name: "ООО Старое", phone: "8 916 111-22-33")]));
        await company.SubmitAsync(Submission([Company(tin, B("p1", 5), name: "ООО Новое") with { Phones = [] }]));

        var merged = (await company.GetSyncStateAsync()).Merged!;
        Assert.Equal("ООО Новое", merged.Name!.Value.Display);
        Assert.Equal(SourceStore.StoreB, merged.Name.Source.Store);
        Assert.Equal("+79161112233", merged.Phones!.Value[0].E164);
        Assert.Equal(SourceStore.StoreA, merged.Phones.Source.Store);
    }

    [Fact]
    public async Task SubmitAsync_OlderVersionAfterNewer_Ignored()
    {
        var tin = NewTin();
        var company = grid.Grains.GetGrain<ICompanyGrain>(tin);
        await company.SubmitAsync(Submission([Company(tin, A("1", 10), name: "ООО Новое")]));

        var result = await company.SubmitAsync(Submission([Company(tin, A("1", 0), name: "ООО Старое")]));

        Assert.Equal(1, result.RecordsUnchanged);
        Assert.Equal(0, result.StateWrites);
        Assert.Equal("ООО Новое", (await company.GetSyncStateAsync()).Merged!.Name!.Value.Display);
    }

    [Fact]
    public async Task SubmitAsync_SourceDeleted_RemovesOnlyItsContribution()
    {
        var tin = NewTin();
        var company = grid.Grains.GetGrain<ICompanyGrain>(tin);
        await company.SubmitAsync(Submission([Company(tin, A("1", 0), name: "ООО Из А"), Company(tin, B("p1", 1), name: "ООО Из Б")]));

        await company.SubmitAsync(Submission([Company(tin, B("p1", 2), deleted: true)]));

        var state = await company.GetSyncStateAsync();
        Assert.Equal("ООО Из А", state.Merged!.Name!.Value.Display);
        Assert.Equal(CompanySyncStatus.Received, state.Status);

        await company.SubmitAsync(Submission([Company(tin, A("1", 3), deleted: true)]));

        state = await company.GetSyncStateAsync();
        Assert.Null(state.Merged);
        Assert.Equal(CompanySyncStatus.Withdrawn, state.Status);
        Assert.Equal([CompanySyncStatus.Received, CompanySyncStatus.Withdrawn], state.History.Select(h => h.Status));
    }

    [Fact]
    public async Task SubmitAsync_PartnerDropsAContact_ContactRecordWithdrawn()
    {
        var tin = NewTin();
        var company = grid.Grains.GetGrain<ICompanyGrain>(tin);
        var partner = B("p-drop", 0);
        await company.SubmitAsync(Submission(
            [Company(tin, partner)],
            [Contact(tin, B("p-drop/C-1", 0), $"stays.{tin}@example.ru", parent: partner.Key), Contact(tin, B("p-drop/C-2", 0), $"leaves.{tin}@example.ru", "Петрова Анна", parent: partner.Key)],
            [partner.Key]));

        var next = B("p-drop", 5);
        await company.SubmitAsync(Submission(
            [Company(tin, next, name: "ООО Ромашка-2")],
            [Contact(tin, B("p-drop/C-1", 5), $"stays.{tin}@example.ru", parent: partner.Key)],
            [partner.Key]));

        var leaver = await grid.Grains.GetGrain<IContactGrain>($"email:leaves.{tin}@example.ru").GetSnapshotAsync();
        Assert.Null(leaver.Merged);
        Assert.Equal([$"email:stays.{tin}@example.ru"], (await company.GetSyncStateAsync()).Contacts.Select(c => c.Value));
    }

    [Fact]
    public async Task SubmitAsync_PartnerDeleted_ItsContactsWithdrawnOthersStay()
    {
        var tin = NewTin();
        var company = grid.Grains.GetGrain<ICompanyGrain>(tin);
        var partner = B("p-del", 0);
        await company.SubmitAsync(Submission(
            [Company(tin, partner), Company(tin, A("a-del", 0))],
            [Contact(tin, B("p-del/C-1", 0), $"partner.{tin}@example.ru", parent: partner.Key), Contact(tin, A("ac-1", 0), $"storea.{tin}@example.ru", "Петров Пётр")],
            [partner.Key]));

        await company.SubmitAsync(Submission([Company(tin, B("p-del", 9), deleted: true)]));

        Assert.Null((await grid.Grains.GetGrain<IContactGrain>($"email:partner.{tin}@example.ru").GetSnapshotAsync()).Merged);
        Assert.NotNull((await grid.Grains.GetGrain<IContactGrain>($"email:storea.{tin}@example.ru").GetSnapshotAsync()).Merged);
        Assert.NotNull((await company.GetSyncStateAsync()).Merged);
    }

    [Fact]
    public async Task SubmitAsync_ContactChangesEmail_RecordMovesToTheNewContact()
    {
        var tin = NewTin();
        var company = grid.Grains.GetGrain<ICompanyGrain>(tin);
        await company.SubmitAsync(Submission([Company(tin, A("1", 0))], [Contact(tin, A("mover", 0), $"old-address.{tin}@example.ru")]));

        await company.SubmitAsync(Submission([], [Contact(tin, A("mover", 5), $"new-address.{tin}@example.ru")]));

        Assert.Null((await grid.Grains.GetGrain<IContactGrain>($"email:old-address.{tin}@example.ru").GetSnapshotAsync()).Merged);
        Assert.NotNull((await grid.Grains.GetGrain<IContactGrain>($"email:new-address.{tin}@example.ru").GetSnapshotAsync()).Merged);
        Assert.Equal([$"email:new-address.{tin}@example.ru"], (await company.GetSyncStateAsync()).Contacts.Select(c => c.Value));
    }

    [Fact]
    public async Task SubmitAsync_SamePersonUnderTwoCompanies_OneContactBoundToBoth()
    {
        var tin1 = NewTin();
        var tin2 = NewTin();
        await grid.Grains.GetGrain<ICompanyGrain>(tin1).SubmitAsync(Submission([Company(tin1, A("x1", 0))], [Contact(tin1, A("shared-1", 0), $"shared.person.{tin1}@example.ru")]));
        await grid.Grains.GetGrain<ICompanyGrain>(tin2).SubmitAsync(Submission([Company(tin2, B("x2", 0))], [Contact(tin2, B("x2/C-9", 1), $"Shared.Person.{tin1}@example.ru", parent: new SourceKey(SourceStore.StoreB, "x2"))]));

        var contact = await grid.Grains.GetGrain<IContactGrain>($"email:shared.person.{tin1}@example.ru").GetSnapshotAsync();

        Assert.Equal(new[] { tin1, tin2 }.Order(StringComparer.Ordinal), contact.Merged!.Companies.Select(t => t.Value));
        Assert.Equal([$"email:shared.person.{tin1}@example.ru"], await grid.ReadModel.ListContactsOfCompanyAsync(tin1));
        Assert.Equal([$"email:shared.person.{tin1}@example.ru"], await grid.ReadModel.ListContactsOfCompanyAsync(tin2));
    }

    [Fact]
    public async Task SubmitAsync_ManyConcurrentCallersForOneTin_ConvergeOnOneState()
    {
        var tin = NewTin();
        var company = grid.Grains.GetGrain<ICompanyGrain>(tin);
        var versions = Enumerable.Range(0, 40).Select(i => Company(tin, new SourceRef(i % 2 == 0 ? SourceStore.StoreA : SourceStore.StoreB, $"s{i % 4}", T0.AddMinutes(i)), name: $"ООО Версия {i}")).ToList();

        await Task.WhenAll(versions.OrderBy(_ => Random.Shared.Next()).Select(v => company.SubmitAsync(Submission([v]))));

        var merged = (await company.GetSyncStateAsync()).Merged!;
        Assert.Equal("ООО Версия 39", merged.Name!.Value.Display);
        Assert.Equal(4, merged.Sources.Count);
    }

    [Fact]
    public async Task SubmitAsync_LargeCompany_LinksMoveToShardsAndStateStaysSmall()
    {
        var tin = NewTin();
        var company = grid.Grains.GetGrain<ICompanyGrain>(tin);
        var contacts = Enumerable.Range(0, CompanyGrain.InlineLinkLimit + 100).Select(i => Contact(tin, A($"big-{i}", 0), $"person{i}.{tin}@big.example.ru", "Сотрудник Компании")).ToList();

        await company.SubmitAsync(Submission([Company(tin, A("big", 0))], contacts.Take(300)));
        await company.SubmitAsync(Submission([], contacts.Skip(300)));
        var repeat = await company.SubmitAsync(Submission([], contacts));

        var state = await company.GetSyncStateAsync();
        Assert.Equal(contacts.Count, state.Contacts.Count);
        Assert.Equal(0, repeat.StateWrites);
        Assert.Equal(contacts.Count, repeat.RecordsUnchanged);
    }

    [Fact]
    public async Task SubmitAsync_RecordOfAnotherTin_IsRefused()
    {
        var tin = NewTin();
        var other = NewTin();

        await Assert.ThrowsAsync<ArgumentException>(() => grid.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Submission([Company(other, A("1", 0))])));
    }

    [Fact]
    public async Task SubmitAsync_ReadModelRowWritten()
    {
        var tin = NewTin();
        await grid.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Submission([Company(tin, A("rm", 0), name: "ООО Витрина")]));

        var row = (await grid.ReadModel.ListCompaniesAsync(null, afterTin: null, limit: 100_000)).Single(r => r.Tin == tin);
        Assert.Equal("ООО Витрина", row.Name);
        Assert.Equal(CompanySyncStatus.Received, row.Status);
        Assert.Equal(1, row.Version);
    }
}
