using SyncGrid.Domain.Orders;
using SyncGrid.Sandbox.RetailCrm;

namespace SyncGrid.Orders.Tests.RetailCrm;

/// <summary>The generated shop's people are what the grid's identity rule can recognise: one key per person, whatever their cards.</summary>
public sealed class ShopGeneratorIdentityTests
{
    [Fact]
    public async Task GenerateShopDay_PeopleWithSeveralCardsAndSites_OneContactKeyPerPerson()
    {
        await using var h = await RetailCrmHarness.StartAsync(new RetailCrmSandboxOptions { BuiltInShop = false, RequestsPerSecond = 1000, Burst = 100 }, clientRate: 100);
        var report = h.Sandbox.GenerateShopDay(new RetailCrmShopDay { Orders = 1500, Seed = 2, CorporateShare = 0 });
        var orders = (await h.Client.GetOrdersAsync(h.Sandbox.ListOrders().Select(o => o.Id).ToList())).Value!;
        Assert.Equal(report.People, orders.Select(o => OrderCustomer.Of(o).Key).Distinct().Count());
        var byPhone = orders.GroupBy(o => (o.Customer!.Phones.IsEmpty ? o.Phone : o.Customer.Phones[0])).Where(g => g.Select(o => OrderCustomer.Of(o).Key).Distinct().Count() > 1).ToList();
        Assert.True(byPhone.Count == 0, string.Join("\n", byPhone.Take(5).SelectMany(g => g.Select(o => $"{g.Key}: {o.Number} email={o.Email} phone={o.Phone} key={OrderCustomer.Of(o).Key} cust={o.Customer!.Id} name={o.LastName} {o.FirstName}"))));
    }
}
