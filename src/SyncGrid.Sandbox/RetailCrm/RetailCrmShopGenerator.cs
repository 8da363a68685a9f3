using System.Globalization;
using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.RetailCrm;

/// <summary>
/// Feeds an account with a shop's order flow over a simulated period: new orders from new and returning customers
/// (repeat purchases, a few corporate buyers with a TIN, some people with two customer cards), edits by the shop
/// (items, comments), managers moving orders through the statuses, cancellations, returns after completion, and
/// resends (the shop posting an order again unchanged, which writes no history). Every change is written through
/// the store, so it appears in the order history exactly as a real account would record it. Deterministic per seed.
/// </summary>
internal sealed class RetailCrmShopGenerator(RetailCrmStore store, RetailCrmWire wire, RetailCrmShopDay day, string shopKeyId)
{
    private static readonly string[] FirstNames = ["Андрей", "Мария", "Иван", "Ольга", "Сергей", "Наталья", "Дмитрий", "Екатерина", "Алексей", "Анна", "Павел", "Юлия", "Никита", "Татьяна", "Роман", "Светлана"];
    private static readonly string[] LastNames = ["Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев"];
    private static readonly string[] Patronymics = ["Андреевич", "Сергеевич", "Иванович", "Петрович", "Алексеевич", "Дмитриевич"];
    private static readonly (string Name, decimal Price, long Offer)[] Products =
    [
        ("Чайник электрический", 2490m, 1001), ("Кофемолка", 1790m, 1002), ("Блендер", 4590m, 1003), ("Тостер", 2190m, 1004),
        ("Утюг", 3290m, 1005), ("Пылесос", 12990m, 1006), ("Фен", 2690m, 1007), ("Мультиварка", 6990m, 1008),
        ("Набор ножей", 3490m, 1009), ("Сковорода 28 см", 2290m, 1010), ("Весы кухонные", 990m, 1011), ("Термос 1 л", 1590m, 1012),
    ];

    private static readonly string[] MobilePrefixes = ["903", "905", "915", "916", "925", "926", "977", "985", "999"];

    private static readonly string[] Companies =
    [
        "7707083893|ПАО Сбербанк", "7736207543|ООО Яндекс", "7702070139|Банк ВТБ (ПАО)", "7728168971|АО Альфа-Банк", "7712040126|ПАО Аэрофлот",
    ];

    private readonly Random _random = new(day.Seed);
    private readonly PriorityQueue<Action, (DateTimeOffset, long)> _events = new();
    private readonly List<Person> _people = [];
    private readonly RetailCrmShopReport _report = new();
    private long _sequence;

    /// <summary>Runs the whole period at once, in time order, and reports what it did.</summary>
    public RetailCrmShopReport Run()
    {
        var start = day.Start;
        for (var i = 0; i < day.Orders; i++)
        {
            var at = start + TimeSpan.FromTicks((long)(day.Duration.Ticks * ((i + _random.NextDouble()) / day.Orders)));
            Schedule(at, () => NewOrder(at));
        }

        while (_events.TryDequeue(out var action, out _))
        {
            action();
        }

        _report.HistoryRecords = store.LastHistoryId;
        _report.People = _people.Count;
        return _report;
    }

    private void Schedule(DateTimeOffset at, Action action)
    {
        if (at <= day.Start + day.Duration)
        {
            _events.Enqueue(action, (at, ++_sequence));
        }
    }

    private ShopActor Shop => ShopActor.Api(shopKeyId);

    private ShopActor Manager(int? id) => ShopActor.User(id ?? day.ManagerIds[0]);

    private void NewOrder(DateTimeOffset at)
    {
        var site = store.Sites[_random.Next(store.Sites.Count)];
        Person person;
        if (_people.Count > 0 && _random.NextDouble() < day.RepeatShare)
        {
            person = _people[_random.Next(_people.Count)];
            _report.RepeatPurchases++;
        }
        else
        {
            person = NewPerson(site, at);
        }

        // Some people end up with a second customer card (a duplicate the shop created): still one person.
        var card = person.Cards[0];
        if (person.Cards.Count == 1 && person.Orders > 0 && _random.NextDouble() < day.DuplicateCardShare)
        {
            card = store.CreateCustomer(new ShopCustomer
            {
                Site = site.Code,
                ExternalId = $"web-{_random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture)}",
                FirstName = card.FirstName,
                LastName = card.LastName,
                Email = person.Email?.ToUpperInvariant(),
                Phones = [.. card.Phones],
                Company = card.Company,
                Type = card.Type,
            }, Shop, at);
            person.Cards.Add(card);
            _report.DuplicateCards++;
        }

        person.Orders++;
        var items = Enumerable.Range(0, _random.Next(1, 4)).Select(_ =>
        {
            var (name, price, offer) = Products[_random.Next(Products.Length)];
            return new ShopItem { ProductName = name, InitialPrice = price, Quantity = _random.Next(1, 3), OfferId = offer, Article = offer.ToString(CultureInfo.InvariantCulture) };
        }).GroupBy(i => i.OfferId).Select(g => g.First()).ToList();
        var delivery = _random.NextDouble() < 0.5 ? ("courier", 350m) : ("russian-post", 290m);
        var order = store.CreateOrder(new ShopOrder
        {
            Site = site.Code,
            ExternalId = $"web-{(store.LastOrderId + 1).ToString(CultureInfo.InvariantCulture)}",
            Status = "new",
            OrderType = card.Company is null ? "eshop-individual" : "eshop-legal",
            OrderMethod = _random.NextDouble() < 0.8 ? "shopping-cart" : "phone",
            FirstName = card.FirstName,
            LastName = card.LastName,
            Patronymic = card.Patronymic,
            Phone = card.Phones.FirstOrDefault(),
            Email = card.Email,
            CustomerId = card.Id,
            CustomerComment = _random.NextDouble() < 0.3 ? "Позвоните перед доставкой" : null,
            DeliveryCode = delivery.Item1,
            DeliveryCost = delivery.Item2,
            DeliveryAddress = "г. Москва, ул. Тверская, д. " + _random.Next(1, 40).ToString(CultureInfo.InvariantCulture),
            Items = items,
            Payments = [new ShopPayment { Type = _random.NextDouble() < 0.6 ? "bank-card" : "cash", Status = "not-paid", Amount = items.Sum(i => i.InitialPrice * i.Quantity) + delivery.Item2 }],
        }, Shop, wire, at);
        _report.Orders++;
        Plan(order.Id, at);
    }

    private Person NewPerson(ShopSite site, DateTimeOffset at)
    {
        var n = _people.Count + 1;
        var female = _random.NextDouble() < 0.5;
        var first = FirstNames[_random.Next(FirstNames.Length)];
        var last = LastNames[_random.Next(LastNames.Length)] + (female && !first.EndsWith('й') ? "а" : string.Empty);
        // Common mobile prefixes and a subscriber number unique per person (7919 is prime to 10^7), spread over the range.
        var phone = "+7" + MobilePrefixes[_random.Next(MobilePrefixes.Length)] + ((1_000_000 + (n * 7_919L)) % 10_000_000).ToString("0000000", CultureInfo.InvariantCulture);
        var email = _random.NextDouble() < day.WithoutEmailShare ? null : $"buyer{n.ToString(CultureInfo.InvariantCulture)}@example.ru";
        ShopCompany? company = null;
        if (_random.NextDouble() < day.CorporateShare)
        {
            var parts = Companies[_random.Next(Companies.Length)].Split('|');
            company = new ShopCompany { Inn = parts[0], Name = parts[1] };
            _report.CorporateCustomers++;
        }

        var card = store.CreateCustomer(new ShopCustomer
        {
            Site = site.Code,
            ExternalId = $"c-{n.ToString(CultureInfo.InvariantCulture)}",
            FirstName = first,
            LastName = last,
            Patronymic = Patronymics[_random.Next(Patronymics.Length)],
            Email = email,
            Phones = [phone],
            Company = company,
            Type = company is null ? "customer" : "customer_corporate",
        }, Shop, at);
        var person = new Person(email, phone, [card]);
        _people.Add(person);
        return person;
    }

    /// <summary>What happens to an order after it is placed, each step at a later moment.</summary>
    private void Plan(long id, DateTimeOffset at)
    {
        var manager = day.ManagerIds[_random.Next(day.ManagerIds.Count)];
        var t = at + Minutes(5, 60);
        Schedule(t, () => Edit(id, o => o.ManagerId = manager, Manager(manager), t));
        if (_random.NextDouble() < day.EditShare)
        {
            var te = at + Minutes(2, 90);
            Schedule(te, () => EditByShop(id, te));
        }

        if (_random.NextDouble() < day.ResendShare)
        {
            var tr = at + Minutes(1, 30);
            Schedule(tr, () => Resend(id, tr));
        }

        var roll = _random.NextDouble();
        string[] path = ["client-confirmed", "assembling", "send-to-delivery", "complete"];
        var steps = roll < day.CancelShare ? _random.Next(0, 3) : path.Length;
        for (var s = 0; s < steps; s++)
        {
            t += Minutes(20, 180);
            var status = path[s];
            var when = t;
            Schedule(when, () => SetStatus(id, status, Manager(manager), when));
        }

        if (roll < day.CancelShare)
        {
            t += Minutes(10, 120);
            var when = t;
            Schedule(when, () =>
            {
                if (SetStatus(id, "cancel-other", Manager(manager), when))
                {
                    _report.Cancellations++;
                }
            });
        }
        else if (roll < day.CancelShare + day.ReturnShare)
        {
            t += Minutes(60, 240);
            var when = t;
            Schedule(when, () =>
            {
                if (SetStatus(id, "return", Manager(manager), when))
                {
                    _report.Returns++;
                }
            });
        }

        if (_random.NextDouble() < 0.3)
        {
            var tc = at + Minutes(15, 200);
            Schedule(tc, () => Edit(id, o => o.ManagerComment = "Клиент просит перезвонить", Manager(manager), tc));
        }
    }

    private TimeSpan Minutes(int min, int max) => TimeSpan.FromMinutes(min + (_random.NextDouble() * (max - min)));

    private bool SetStatus(long id, string status, ShopActor actor, DateTimeOffset at) => Edit(id, o => o.Status = status, actor, at);

    private bool Edit(long id, Action<ShopOrder> change, ShopActor actor, DateTimeOffset at)
    {
        if (!store.Orders.TryGetValue(id, out var order))
        {
            return false;
        }

        var written = store.EditOrder(order, change, actor, at);
        if (written > 0)
        {
            _report.Edits++;
        }

        return written > 0;
    }

    private void EditByShop(long id, DateTimeOffset at)
    {
        if (!store.Orders.TryGetValue(id, out var order) || store.Status(order.Status)?.Group is "complete" or "cancel")
        {
            return;
        }

        Edit(id, o =>
        {
            if (_random.NextDouble() < 0.5 && o.Items.Count > 0)
            {
                o.Items[0].Quantity += 1;
            }
            else
            {
                var (name, price, offer) = Products[_random.Next(Products.Length)];
                if (!o.Items.Exists(i => i.OfferId == offer))
                {
                    o.Items.Add(new ShopItem { ProductName = name, InitialPrice = price, Quantity = 1, OfferId = offer, Article = offer.ToString(CultureInfo.InvariantCulture) });
                }
            }

            o.CustomFields["gift_wrap"] = JsonValue.Create(true);
        }, Shop, at);
    }

    private void Resend(long id, DateTimeOffset at)
    {
        // The shop posts the order again as it is: an edit with identical values writes no history.
        if (store.Orders.TryGetValue(id, out var order))
        {
            store.EditOrder(order, _ => { }, Shop, at);
            _report.Resends++;
        }
    }

    private sealed record Person(string? Email, string Phone, List<ShopCustomer> Cards)
    {
        public int Orders { get; set; }
    }
}
