namespace SyncGrid.Sandbox.RetailCrm;

/// <summary>
/// The small shop a sandbox serves when started without data: two sites, a statuses dictionary with the six standard
/// groups (one status inactive), and a few dozen orders in different statuses generated over the previous three days.
/// </summary>
internal static class RetailCrmBuiltInShop
{
    /// <summary>The statuses dictionary: (code, name, group, active).</summary>
    public static readonly (string Code, string Name, string Group, bool Active)[] Statuses =
    [
        ("new", "Новый", "new", true),
        ("availability-confirmed", "Наличие подтверждено", "approval", true),
        ("client-confirmed", "Согласовано с клиентом", "approval", true),
        ("prepayed", "Предоплата поступила", "approval", true),
        ("assembling", "Комплектуется", "assembling", true),
        ("assembling-complete", "Укомплектован", "assembling", true),
        ("send-to-delivery", "Передан в доставку", "delivery", true),
        ("delivering", "Доставляется", "delivery", true),
        ("complete", "Выполнен", "complete", true),
        ("cancel-other", "Отменён", "cancel", true),
        ("no-call", "Недозвон", "cancel", true),
        ("return", "Возврат", "cancel", true),
        ("old-status", "Устаревший статус", "approval", false),
    ];

    /// <summary>Sites and statuses only: what every account has before its first order.</summary>
    public static void SeedDictionaries(RetailCrmStore store)
    {
        store.Sites.Add(new ShopSite { Code = "syncgrid-shop", Name = "Демо-магазин", NumberSuffix = "A" });
        store.Sites.Add(new ShopSite { Code = "syncgrid-b2b", Name = "Оптовый отдел", NumberSuffix = "B" });
        var ordering = 0;
        foreach (var (code, name, group, active) in Statuses)
        {
            store.Statuses.Add(new ShopStatus { Code = code, Name = name, Group = group, Active = active, Ordering = ordering += 10 });
        }
    }

    /// <summary>The dictionaries plus about three dozen orders of the previous three days.</summary>
    public static RetailCrmShopReport Seed(RetailCrmStore store, RetailCrmWire wire, string shopKeyId, DateTimeOffset now)
    {
        SeedDictionaries(store);
        return new RetailCrmShopGenerator(store, wire, new RetailCrmShopDay
        {
            Orders = 36,
            Seed = 7,
            Start = now - TimeSpan.FromDays(3),
            Duration = TimeSpan.FromDays(3) - TimeSpan.FromHours(1),
            CancelShare = 0.15,
            ReturnShare = 0.1,
        }, shopKeyId).Run();
    }
}
