using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.IntegrationTests.Sql;
using SyncGrid.Storage.ReadModel;

namespace SyncGrid.IntegrationTests.Grid;

[Trait("Category", "Integration")]
public sealed class MariaDbReadModelTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task UpsertCompanyAsync_OlderVersionAfterNewer_KeepsNewer()
    {
        await using var model = new MariaDbReadModel(new MariaDbReadModelOptions { ConnectionString = database.ConnectionString });
        await model.UpsertCompanyAsync(Row("7707083893", "ООО Новое", CompanySyncStatus.Withdrawn, version: 3));

        await model.UpsertCompanyAsync(Row("7707083893", "ООО Старое", CompanySyncStatus.Received, version: 2));

        var row = Assert.Single(await model.ListCompaniesAsync(null, "7707083892", 1));
        Assert.Equal(("7707083893", "ООО Новое", CompanySyncStatus.Withdrawn, 3L), (row.Tin, row.Name, row.Status, row.Version));
    }

    [Fact]
    public async Task ListAndCount_ByStatusWithKeysetPaging()
    {
        await using var model = new MariaDbReadModel(new MariaDbReadModelOptions { ConnectionString = database.ConnectionString });
        var tins = new[] { "7736050003", "7707049388", "7708503727", "7728168971" };
        await Task.WhenAll(tins.Select((t, i) => model.UpsertCompanyAsync(Row(t, $"ООО {i}", i % 2 == 0 ? CompanySyncStatus.Synced : CompanySyncStatus.Inactive, 1))));

        var synced = await model.ListCompaniesAsync(CompanySyncStatus.Synced, afterTin: null, limit: 1);
        var next = await model.ListCompaniesAsync(CompanySyncStatus.Synced, afterTin: synced[0].Tin, limit: 10);
        var counts = await model.CountCompaniesByStatusAsync();

        Assert.Equal(["7708503727", "7736050003"], synced.Concat(next).Select(r => r.Tin));
        Assert.Equal(2, counts[CompanySyncStatus.Synced]);
        Assert.Equal(2, counts[CompanySyncStatus.Inactive]);
    }

    [Fact]
    public async Task Bindings_BoundThenUnbound_ListedAndCountedPerDistinctContact()
    {
        await using var model = new MariaDbReadModel(new MariaDbReadModelOptions { ConnectionString = database.ConnectionString });
        await model.UpsertCompanyAsync(Row("771687831332", "ИП Иванов", CompanySyncStatus.Received, 1) with { ContactsBound = ["email:a@x.ru", "email:b@x.ru"] });
        await model.UpsertCompanyAsync(Row("673005784108", "ИП Петров", CompanySyncStatus.Received, 1) with { ContactsBound = ["email:a@x.ru"] });
        Assert.Equal(2, await model.CountContactsAsync());

        await model.UpsertCompanyAsync(Row("771687831332", "ИП Иванов", CompanySyncStatus.Received, 2) with { ContactsUnbound = ["email:b@x.ru"] });

        Assert.Equal(["email:a@x.ru"], await model.ListContactsOfCompanyAsync("771687831332"));
        Assert.Equal(["email:a@x.ru"], await model.ListContactsOfCompanyAsync("673005784108"));
        Assert.Equal(1, await model.CountContactsAsync());
    }

    private static CompanyReadModelRow Row(string tin, string name, CompanySyncStatus status, long version) =>
        new(tin, name, status, null, null, 1, null, At, version);
}
