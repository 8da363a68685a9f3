using SyncGrid.Domain;
using SyncGrid.Domain.Orders;
using SyncGrid.Domain.RetailCrm;

namespace SyncGrid.Orders.Tests.Domain;

/// <summary>The pure rules of the order flows: the customer's identity, the status dictionary, the deal's fields.</summary>
public sealed class OrderDomainTests
{
    private static RetailCrmOrder Order(string? email = null, string? phone = null, RetailCrmCompany? company = null, long customerId = 5) => new()
    {
        Id = 42,
        Number = "42A",
        Site = "shop",
        Status = "new",
        FirstName = "Иван",
        LastName = "Петров",
        Email = email,
        Phone = phone,
        Customer = new RetailCrmCustomer { Id = customerId, Type = company is null ? "customer" : "customer_corporate" },
        Company = company,
        Currency = "RUB",
        TotalSumm = 2840m,
        DeliveryCode = "courier",
        DeliveryCost = 350m,
        Items = new ValueList<RetailCrmOrderItem>([new RetailCrmOrderItem { ProductName = "Чайник", Quantity = 1, InitialPrice = 2490m }]),
    };

    [Fact]
    public void OrderCustomer_EmailMobileFixedPhoneOrCard_KeyFollowsTheIdentityRule()
    {
        Assert.Equal("email:ivan@example.ru", OrderCustomer.Of(Order(email: " Ivan@Example.RU ", phone: "+7 916 123-45-67")).Key.Value);
        Assert.Equal("mobile:+79161234567", OrderCustomer.Of(Order(phone: "8 (916) 123-45-67")).Key.Value);
        Assert.Equal("phone:+74955005550", OrderCustomer.Of(Order(phone: "8 (495) 500-55-50")).Key.Value);
        Assert.Equal("retailcrm:shop:5", OrderCustomer.Of(Order()).Key.Value);
        Assert.Equal("phone:+79300000052", OrderCustomer.Of(Order(phone: "+7 930 000-00-52")).Key.Value);
        Assert.Equal(OrderCustomer.Of(Order(phone: "+74955005550", customerId: 1)).Key, OrderCustomer.Of(Order(phone: "8 495 500 55 50", customerId: 2)).Key);
    }

    [Fact]
    public void OrderCustomer_LegalEntity_ValidTinKeptInvalidDropped()
    {
        Assert.Equal("7707083893", OrderCustomer.Of(Order(email: "a@b.ru", company: new RetailCrmCompany { Inn = "7707083893" })).CompanyTin?.Value);
        Assert.Null(OrderCustomer.Of(Order(email: "a@b.ru", company: new RetailCrmCompany { Inn = "7707083894" })).CompanyTin);
        Assert.StartsWith("name:7707083893:", OrderCustomer.Of(Order(company: new RetailCrmCompany { Inn = "7707083893" })).Key.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusMap_StageOfAndBack_ManyToOneKeepsTheCurrentStatus()
    {
        var pipeline = new OrderPipeline(0, default, default, new ValueList<StatusStage>([new("new", "NEW"), new("client-confirmed", "PREPARATION"), new("prepayed", "PREPARATION"), new("complete", "WON")]));
        Assert.Equal("PREPARATION", pipeline.StageOf("prepayed"));
        Assert.Null(pipeline.StageOf("return"));
        Assert.Equal("client-confirmed", pipeline.StatusOf("PREPARATION", "new"));
        Assert.Equal("prepayed", pipeline.StatusOf("PREPARATION", "prepayed"));
        Assert.Null(pipeline.StatusOf("LOSE", "new"));
        Assert.True(pipeline.Accepts("any-site", null));
        Assert.False(new OrderPipeline(1, new ValueList<string>(["b2b"]), default, default).Accepts("shop", "eshop-legal"));
    }

    [Fact]
    public void StatusMap_Validate_NamesEveryUnknownCodeAndWarnsOfUnmappedStatuses()
    {
        var map = new OrderStatusMap(new ValueList<OrderPipeline>([
            new OrderPipeline(0, default, default, new ValueList<StatusStage>([new("new", "NEW"), new("nope", "WON"), new("old", "LOSE"), new("new", "BAD")])),
            new OrderPipeline(9, default, default, new ValueList<StatusStage>([new("complete", "C9:WON")])),
        ]));
        RetailCrmStatus[] statuses = [new("new", "Новый", true, "new"), new("old", "Старый", false, "cancel"), new("complete", "Выполнен", true, "complete"), new("hold", "Отложен", true, "approval")];
        var (errors, warnings) = map.Validate("Orders", statuses, c => c == 0 ? ["NEW", "WON", "LOSE"] : null);
        Assert.Contains(errors, e => e.StartsWith("Orders:Pipelines:0:Statuses:1:Status", StringComparison.Ordinal) && e.Contains("'nope'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Orders:Pipelines:0:Statuses:2:Status", StringComparison.Ordinal) && e.Contains("inactive", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Orders:Pipelines:0:Statuses:3:Stage", StringComparison.Ordinal) && e.Contains("'BAD'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Orders:Pipelines:0:Statuses:3:Status", StringComparison.Ordinal) && e.Contains("twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Orders:Pipelines:1:CategoryId", StringComparison.Ordinal));
        Assert.Equal(5, errors.Count);
        Assert.Contains(warnings, w => w.Contains("'hold'", StringComparison.Ordinal));
    }

    [Fact]
    public void DealFields_Order_TitleAmountStageKeysAndSummary()
    {
        var fields = OrderDealImage.Fields(Order(phone: "+79161234567"), 0, "NEW", 11, 7, null, "syncgrid:retailcrm");
        Assert.Equal("Order No. 42A", fields["TITLE"]);
        Assert.Equal("2840.00", fields["OPPORTUNITY"]);
        Assert.Equal(("syncgrid:retailcrm", "42"), (fields["ORIGINATOR_ID"], fields["ORIGIN_ID"]));
        Assert.Equal("7", fields["CONTACT_IDS"]);
        Assert.False(fields.ContainsKey("COMPANY_ID"));
        Assert.Contains("- Чайник × 1 = 2490.00", fields["ADDITIONAL_INFO"], StringComparison.Ordinal);
        Assert.Contains("Delivery: courier, 350.00 RUB", fields["ADDITIONAL_INFO"], StringComparison.Ordinal);
        Assert.Equal("CALL", OrderDealImage.SourceOf("phone"));
    }
}
