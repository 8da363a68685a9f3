using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SyncGrid.Sandbox.Bitrix24;

namespace SyncGrid.Sandbox.RetailCrm;

/// <summary>The API methods (§2–§5): routing, parameters, filters, pagination and edit semantics.</summary>
public sealed partial class RetailCrmSandbox
{
    private static readonly int[] Limits = [20, 50, 100];

    private (string Route, Func<Call, RetailCrmReply>? Handler, bool Write) Route(string verb, string[] s)
    {
        var get = verb == "GET";
        var post = verb == "POST";
        return s switch
        {
            ["api-versions"] when get => ("api-versions", _ => RetailCrmReply.Ok(new JsonObject { ["versions"] = new JsonArray("3.0", "4.0", "5.0") }), false),
            ["credentials"] when get => ("credentials", Credentials, false),
            ["v5", "orders"] when get => ("orders", ListOrders, false),
            ["v5", "orders", "create"] when post => ("orders/create", CreateOrder, true),
            ["v5", "orders", "history"] when get => ("orders/history", OrderHistory, false),
            ["v5", "orders", "statuses"] when get => ("orders/statuses", OrderStatuses, false),
            ["v5", "orders", _, "edit"] when post => ("orders/{id}/edit", EditOrder, true),
            ["v5", "orders", var x] when get && x is not ("create" or "history" or "statuses") => ("orders/{id}", GetOrder, false),
            ["v5", "reference", "statuses"] when get => ("reference/statuses", ReferenceStatuses, false),
            ["v5", "reference", "status-groups"] when get => ("reference/status-groups", ReferenceStatusGroups, false),
            ["v5", "reference", "sites"] when get => ("reference/sites", ReferenceSites, false),
            ["v5", "customers"] when get => ("customers", ListCustomers, false),
            ["v5", "customers", "create"] when post => ("customers/create", CreateCustomer, true),
            ["v5", "customers", "history"] when get => ("customers/history", CustomerHistory, false),
            ["v5", "customers", var x] when get && x is not ("create" or "history") => ("customers/{id}", GetCustomer, false),
            _ => ("(unknown)", null, false),
        };
    }

    private RetailCrmReply Credentials(Call call) => RetailCrmReply.Ok(new JsonObject
    {
        ["scopes"] = new JsonArray("order_read", "order_write", "customer_read", "customer_write", "reference_read"),
        ["siteAccess"] = call.Key.Sites is null ? "access_full" : "access_selective",
        ["sitesAvailable"] = new JsonArray([.. VisibleSites(call).Select(x => (JsonNode)x)]),
        ["credentials"] = new JsonArray(),
    });

    private List<string> VisibleSites(Call call) => [.. Store.Sites.Select(x => x.Code).Where(c => call.Key.Sites is null || call.Key.Sites.Contains(c))];

    private static bool Sees(Call call, string site) => call.Key.Sites is null || call.Key.Sites.Contains(site);

    // ---- orders ----

    private RetailCrmReply ListOrders(Call call)
    {
        var (limit, page) = Paging(call.Query);
        var filter = call.Query["filter"] as JsonObject ?? [];
        var ids = Strings(filter["ids"]).ToHashSet(StringComparer.Ordinal);
        var externalIds = Strings(filter["externalIds"]).ToHashSet(StringComparer.Ordinal);
        var numbers = Strings(filter["numbers"]).ToHashSet(StringComparer.Ordinal);
        var sites = Strings(filter["sites"]).ToHashSet(StringComparer.Ordinal);
        var statuses = Strings(filter["extendedStatus"]).ToHashSet(StringComparer.Ordinal);
        var email = JsonArgs.Str(filter["email"]);
        var customerId = JsonArgs.Str(filter["customerId"]);
        var createdFrom = Date(filter, "createdAtFrom", start: true);
        var createdTo = Date(filter, "createdAtTo", start: false);
        var statusFrom = Date(filter, "statusUpdatedAtFrom", start: true);
        var statusTo = Date(filter, "statusUpdatedAtTo", start: false);
        var rows = Store.Orders.Values.Where(o => Sees(call, o.Site)
            && (ids.Count == 0 || ids.Contains(Invariant(o.Id)))
            && (externalIds.Count == 0 || (o.ExternalId is not null && externalIds.Contains(o.ExternalId)))
            && (numbers.Count == 0 || numbers.Contains(o.Number))
            && (sites.Count == 0 || sites.Contains(o.Site))
            && (statuses.Count == 0 || statuses.Contains(o.Status) || statuses.Contains(Store.Status(o.Status)?.Group ?? string.Empty))
            && (email is null || string.Equals(o.Email, email, StringComparison.OrdinalIgnoreCase))
            && (customerId is null || Invariant(o.CustomerId ?? 0) == customerId)
            && (createdFrom is null || o.CreatedAt >= createdFrom) && (createdTo is null || o.CreatedAt <= createdTo)
            && (statusFrom is null || o.StatusUpdatedAt >= statusFrom) && (statusTo is null || o.StatusUpdatedAt <= statusTo)).ToList();
        return RetailCrmReply.Ok(new JsonObject
        {
            ["pagination"] = Pagination(limit, page, rows.Count),
            ["orders"] = new JsonArray([.. rows.Skip((page - 1) * limit).Take(limit).Select(o => (JsonNode)Wire.Order(o, Store.CustomerOf(o)))]),
        });
    }

    private RetailCrmReply GetOrder(Call call)
    {
        var order = Resolve(call, call.Segments[2]) ?? throw RetailCrmApiException.NotFound();
        return RetailCrmReply.Ok(new JsonObject { ["order"] = Wire.Order(order, Store.CustomerOf(order)) });
    }

    private ShopOrder? Resolve(Call call, string key)
    {
        var by = JsonArgs.Str(call.Query["by"]) ?? JsonArgs.Str(call.Form["by"]) ?? "externalId";
        var site = JsonArgs.Str(call.Query["site"]) ?? JsonArgs.Str(call.Form["site"]);
        if (by is not ("id" or "externalId"))
        {
            throw RetailCrmApiException.InputParameters("by", "The value is not valid.");
        }

        if (by == "externalId" && site is null && VisibleSites(call).Count > 1)
        {
            throw RetailCrmApiException.Missing("site");
        }

        var order = Store.FindOrder(key, by == "id", site);
        return order is not null && Sees(call, order.Site) ? order : null;
    }

    private RetailCrmReply CreateOrder(Call call)
    {
        var data = EntityJson(call.Form, "order");
        var site = JsonArgs.Str(call.Form["site"]) ?? JsonArgs.Str(data["site"]);
        if (site is null)
        {
            var visible = VisibleSites(call);
            site = visible.Count == 1 ? visible[0] : throw RetailCrmApiException.Missing("site");
        }

        if (Store.Site(site) is null || !Sees(call, site))
        {
            throw new RetailCrmApiException(403, "Access denied.");
        }

        var externalId = JsonArgs.Str(data["externalId"]);
        if (externalId is not null && Store.Orders.Values.Any(o => o.Site == site && o.ExternalId == externalId))
        {
            throw new RetailCrmApiException(400, "Order already exists.");
        }

        var order = new ShopOrder { Site = site, ExternalId = externalId, Status = JsonArgs.Str(data["status"]) ?? "new" };
        if (data["customer"] is JsonObject customer)
        {
            order.CustomerId = ResolveCustomer(customer, site).Id;
        }

        Apply(order, data, creating: true);
        var created = Store.CreateOrder(order, ShopActor.Api(call.Key.Id), Wire);
        return RetailCrmReply.Ok(new JsonObject { ["id"] = created.Id, ["order"] = Wire.Order(created, Store.CustomerOf(created)) }, 201);
    }

    private ShopCustomer ResolveCustomer(JsonObject reference, string site)
    {
        if (JsonArgs.PositiveId(reference["id"]) is { } id)
        {
            return Store.Customers.TryGetValue(id, out var byId) ? byId
                : throw new RetailCrmApiException(400, "Order is not loaded", new Dictionary<string, string> { ["customer.id"] = $"Customer with id={id} not found." });
        }

        var externalId = JsonArgs.Str(reference["externalId"]);
        return Store.Customers.Values.FirstOrDefault(c => c.ExternalId == externalId && c.Site == site)
            ?? throw new RetailCrmApiException(400, "Order is not loaded", new Dictionary<string, string> { ["customer.externalId"] = $"Customer with externalId={externalId} not found." });
    }

    private RetailCrmReply EditOrder(Call call)
    {
        var data = EntityJson(call.Form, "order");
        var order = Resolve(call, call.Segments[2]) ?? throw RetailCrmApiException.NotFound();
        if (data["customer"] is JsonObject customer)
        {
            var linked = ResolveCustomer(customer, order.Site);
            data["customerId"] = linked.Id;
        }

        Store.EditOrder(order, o => Apply(o, data, creating: false), ShopActor.Api(call.Key.Id));
        var current = Store.Orders[order.Id];
        return RetailCrmReply.Ok(new JsonObject { ["id"] = current.Id, ["order"] = Wire.Order(current, Store.CustomerOf(current)) });
    }

    /// <summary>Applies the fields of an order JSON (partial on edit; <c>items</c>, when present, replaces the list).</summary>
    private void Apply(ShopOrder order, JsonObject data, bool creating)
    {
        if (data.ContainsKey("status"))
        {
            var code = JsonArgs.Str(data["status"]);
            var status = Store.Status(code);
            if (status is null || !status.Active)
            {
                throw new RetailCrmApiException(400, "Order is not loaded", new Dictionary<string, string> { ["status"] = "Значение недопустимо." });
            }

            if (!creating && code != order.Status && Store.ForbiddenTransitions.Contains((order.Status, code!)))
            {
                throw new RetailCrmApiException(400, "Order is not loaded", new Dictionary<string, string> { ["status"] = "Переход в этот статус запрещён." });
            }

            order.Status = code!;
        }

        void Text(string name, Action<string?> set)
        {
            if (data.ContainsKey(name))
            {
                set(JsonArgs.Str(data[name]));
            }
        }

        Text("statusComment", v => order.StatusComment = v);
        Text("managerComment", v => order.ManagerComment = v);
        Text("customerComment", v => order.CustomerComment = v);
        Text("firstName", v => order.FirstName = v);
        Text("lastName", v => order.LastName = v);
        Text("patronymic", v => order.Patronymic = v);
        Text("phone", v => order.Phone = v);
        Text("additionalPhone", v => order.AdditionalPhone = v);
        Text("email", v => order.Email = v);
        Text("orderMethod", v => order.OrderMethod = v ?? order.OrderMethod);
        Text("orderType", v => order.OrderType = v ?? order.OrderType);
        Text("currency", v => order.Currency = v ?? order.Currency);
        if (data.ContainsKey("managerId"))
        {
            order.ManagerId = JsonArgs.PositiveId(data["managerId"]);
        }

        if (data.ContainsKey("customerId"))
        {
            order.CustomerId = JsonArgs.PositiveId(data["customerId"]);
        }

        if (data["delivery"] is JsonObject delivery)
        {
            if (delivery.ContainsKey("code"))
            {
                order.DeliveryCode = JsonArgs.Str(delivery["code"]);
            }

            if (delivery.ContainsKey("cost"))
            {
                order.DeliveryCost = Decimal(delivery["cost"]);
            }

            if (delivery["address"] is JsonObject address && address.ContainsKey("text"))
            {
                order.DeliveryAddress = JsonArgs.Str(address["text"]);
            }
        }

        if (data["items"] is JsonArray items)
        {
            var replaced = new List<ShopItem>();
            foreach (var node in items.OfType<JsonObject>())
            {
                var existing = JsonArgs.PositiveId(node["id"]) is { } itemId ? order.Items.Find(i => i.Id == itemId) : null;
                var item = existing?.Clone() ?? new ShopItem();
                if (node.ContainsKey("productName"))
                {
                    item.ProductName = JsonArgs.Str(node["productName"]) ?? string.Empty;
                }

                if (node.ContainsKey("quantity"))
                {
                    item.Quantity = Decimal(node["quantity"]);
                }

                if (node.ContainsKey("initialPrice"))
                {
                    item.InitialPrice = Decimal(node["initialPrice"]);
                }

                if (node.ContainsKey("discountManualAmount"))
                {
                    item.DiscountTotal = Decimal(node["discountManualAmount"]);
                }

                if (node["offer"] is JsonObject offer && JsonArgs.PositiveId(offer["id"]) is { } offerId)
                {
                    item.OfferId = offerId;
                }

                replaced.Add(item);
            }

            order.Items = replaced;
        }

        if (data["customFields"] is JsonObject custom)
        {
            foreach (var (code, value) in custom)
            {
                order.CustomFields[code] = value?.DeepClone();
            }
        }
    }

    private RetailCrmReply OrderHistory(Call call)
    {
        var (limit, page) = Paging(call.Query);
        var filter = call.Query["filter"] as JsonObject ?? [];
        var since = long.TryParse(JsonArgs.Str(filter["sinceId"]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var orderId = JsonArgs.Str(filter["orderId"]);
        var orderExternalId = JsonArgs.Str(filter["orderExternalId"]);
        var from = Date(filter, "startDate", start: true);
        var to = Date(filter, "endDate", start: false);
        var now = _time.GetUtcNow();
        var rows = Store.History.Where(r => r.Id > since && r.VisibleAt <= now
            && Sees(call, JsonArgs.Str(r.Entity["site"]) ?? string.Empty)
            && (orderId is null || Invariant(r.EntityId) == orderId)
            && (orderExternalId is null || JsonArgs.Str(r.Entity["externalId"]) == orderExternalId)
            && (from is null || r.CreatedAt >= from) && (to is null || r.CreatedAt <= to)).ToList();
        return RetailCrmReply.Ok(new JsonObject
        {
            ["generatedAt"] = Wire.DateTime(now),
            ["history"] = new JsonArray([.. rows.Skip((page - 1) * limit).Take(limit).Select(r => (JsonNode)HistoryJson(r, call.Key, "order"))]),
            ["pagination"] = Pagination(limit, page, rows.Count),
        });
    }

    private JsonObject HistoryJson(ShopHistoryRecord r, ApiKeyEntry reader, string entity)
    {
        var json = new JsonObject { ["id"] = r.Id, ["createdAt"] = Wire.DateTime(r.CreatedAt) };
        if (r.Created)
        {
            json["created"] = true;
        }

        if (r.Deleted)
        {
            json["deleted"] = true;
        }

        json["source"] = r.Actor.Source;
        if (r.Actor.UserId is { } user)
        {
            json["user"] = new JsonObject { ["id"] = user };
        }

        if (r.Actor.Source == "api")
        {
            json["apiKey"] = new JsonObject { ["current"] = r.Actor.ApiKeyId == reader.Id };
        }

        json["field"] = r.Field;
        json["oldValue"] = r.OldValue?.DeepClone();
        json["newValue"] = r.NewValue?.DeepClone();
        json[entity] = r.Entity.DeepClone();
        if (r.Item is not null)
        {
            json["item"] = r.Item.DeepClone();
        }

        return json;
    }

    private RetailCrmReply OrderStatuses(Call call)
    {
        var ids = Strings(call.Query["ids"]).ToHashSet(StringComparer.Ordinal);
        var externalIds = Strings(call.Query["externalIds"]).ToHashSet(StringComparer.Ordinal);
        if (ids.Count + externalIds.Count > 500)
        {
            throw RetailCrmApiException.InputParameters("ids", "Too many ids.");
        }

        var rows = Store.Orders.Values.Where(o => Sees(call, o.Site) && (ids.Contains(Invariant(o.Id)) || (o.ExternalId is not null && externalIds.Contains(o.ExternalId))));
        return RetailCrmReply.Ok(new JsonObject
        {
            ["orders"] = new JsonArray([.. rows.Select(o =>
            {
                var row = new JsonObject { ["id"] = o.Id };
                if (o.ExternalId is not null)
                {
                    row["externalId"] = o.ExternalId;
                }

                row["status"] = o.Status;
                row["group"] = Store.Status(o.Status)?.Group;
                return (JsonNode)row;
            })]),
        });
    }

    // ---- references ----

    private RetailCrmReply ReferenceStatuses(Call call) => RetailCrmReply.Ok(new JsonObject
    {
        ["statuses"] = Wire.Map(new JsonObject(Store.Statuses.Select(x => KeyValuePair.Create(x.Code, (JsonNode?)RetailCrmWire.Status(x))))),
    });

    private RetailCrmReply ReferenceStatusGroups(Call call)
    {
        var groups = new JsonObject();
        var ordering = 0;
        foreach (var group in RetailCrmStore.StatusGroups)
        {
            groups[group] = new JsonObject
            {
                ["name"] = group,
                ["code"] = group,
                ["active"] = true,
                ["ordering"] = ordering += 10,
                ["process"] = group is "approval" or "assembling" or "delivery",
                ["statuses"] = new JsonArray([.. Store.Statuses.Where(x => x.Group == group).OrderBy(x => x.Ordering).Select(x => (JsonNode)x.Code)]),
            };
        }

        return RetailCrmReply.Ok(new JsonObject { ["statusGroups"] = groups });
    }

    private RetailCrmReply ReferenceSites(Call call) => RetailCrmReply.Ok(new JsonObject
    {
        ["sites"] = Wire.Map(new JsonObject(Store.Sites.Where(x => Sees(call, x.Code)).Select(x => KeyValuePair.Create(x.Code, (JsonNode?)new JsonObject
        {
            ["code"] = x.Code,
            ["name"] = x.Name,
            ["url"] = $"https://{x.Code}.example.ru",
            ["currency"] = "RUB",
        })))),
    });

    // ---- customers ----

    private RetailCrmReply ListCustomers(Call call)
    {
        var (limit, page) = Paging(call.Query);
        var filter = call.Query["filter"] as JsonObject ?? [];
        var ids = Strings(filter["ids"]).ToHashSet(StringComparer.Ordinal);
        var externalIds = Strings(filter["externalIds"]).ToHashSet(StringComparer.Ordinal);
        var sites = Strings(filter["sites"]).ToHashSet(StringComparer.Ordinal);
        var email = JsonArgs.Str(filter["email"]);
        var name = JsonArgs.Str(filter["name"]);
        var digits = name is null ? string.Empty : new string([.. name.Where(char.IsAsciiDigit)]);
        var rows = Store.Customers.Values.Where(c => Sees(call, c.Site)
            && (ids.Count == 0 || ids.Contains(Invariant(c.Id)))
            && (externalIds.Count == 0 || (c.ExternalId is not null && externalIds.Contains(c.ExternalId)))
            && (sites.Count == 0 || sites.Contains(c.Site))
            && (email is null || string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase))
            && (name is null || $"{c.LastName} {c.FirstName} {c.Patronymic}".Contains(name, StringComparison.OrdinalIgnoreCase)
                || (digits.Length >= 5 && c.Phones.Exists(p => new string([.. p.Where(char.IsAsciiDigit)]).Contains(digits, StringComparison.Ordinal))))).ToList();
        return RetailCrmReply.Ok(new JsonObject
        {
            ["pagination"] = Pagination(limit, page, rows.Count),
            ["customers"] = new JsonArray([.. rows.Skip((page - 1) * limit).Take(limit).Select(c => (JsonNode)Wire.Customer(c))]),
        });
    }

    private RetailCrmReply GetCustomer(Call call)
    {
        var by = JsonArgs.Str(call.Query["by"]) ?? "externalId";
        var site = JsonArgs.Str(call.Query["site"]);
        var key = call.Segments[2];
        if (by == "externalId" && site is null && VisibleSites(call).Count > 1)
        {
            throw RetailCrmApiException.Missing("site");
        }

        var customer = by == "id"
            ? (long.TryParse(key, out var id) && Store.Customers.TryGetValue(id, out var c) ? c : null)
            : Store.Customers.Values.FirstOrDefault(x => x.ExternalId == key && (site is null || x.Site == site));
        return customer is not null && Sees(call, customer.Site)
            ? RetailCrmReply.Ok(new JsonObject { ["customer"] = Wire.Customer(customer) })
            : throw RetailCrmApiException.NotFound();
    }

    private RetailCrmReply CreateCustomer(Call call)
    {
        var data = EntityJson(call.Form, "customer");
        var site = JsonArgs.Str(call.Form["site"]) ?? (VisibleSites(call) is { Count: 1 } only ? only[0] : throw RetailCrmApiException.Missing("site"));
        var externalId = JsonArgs.Str(data["externalId"]);
        if (externalId is not null && Store.Customers.Values.Any(c => c.Site == site && c.ExternalId == externalId))
        {
            throw new RetailCrmApiException(400, "Customer already exists.");
        }

        var customer = Store.CreateCustomer(new ShopCustomer
        {
            Site = site,
            ExternalId = externalId,
            FirstName = JsonArgs.Str(data["firstName"]),
            LastName = JsonArgs.Str(data["lastName"]),
            Patronymic = JsonArgs.Str(data["patronymic"]),
            Email = JsonArgs.Str(data["email"]),
            Phones = [.. JsonArgs.Items(data["phones"]).Select(p => JsonArgs.Str((p as JsonObject)?["number"])).OfType<string>()],
        }, ShopActor.Api(call.Key.Id));
        return RetailCrmReply.Ok(new JsonObject { ["id"] = customer.Id }, 201);
    }

    private RetailCrmReply CustomerHistory(Call call)
    {
        var (limit, page) = Paging(call.Query);
        var filter = call.Query["filter"] as JsonObject ?? [];
        var since = long.TryParse(JsonArgs.Str(filter["sinceId"]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var now = _time.GetUtcNow();
        var rows = Store.CustomerHistory.Where(r => r.Id > since && r.VisibleAt <= now && Sees(call, JsonArgs.Str(r.Entity["site"]) ?? string.Empty)).ToList();
        return RetailCrmReply.Ok(new JsonObject
        {
            ["generatedAt"] = Wire.DateTime(now),
            ["history"] = new JsonArray([.. rows.Skip((page - 1) * limit).Take(limit).Select(r => (JsonNode)HistoryJson(r, call.Key, "customer"))]),
            ["pagination"] = Pagination(limit, page, rows.Count),
        });
    }

    // ---- parameters ----

    private static JsonObject EntityJson(JsonObject form, string name)
    {
        var text = JsonArgs.Str(form[name]);
        if (string.IsNullOrEmpty(text))
        {
            throw RetailCrmApiException.Missing(name);
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new RetailCrmApiException(400, "Errors in the entity format");
        }
        catch (JsonException)
        {
            throw new RetailCrmApiException(400, "Errors in the entity format");
        }
    }

    private static (int Limit, int Page) Paging(JsonObject query)
    {
        var limitText = JsonArgs.Str(query["limit"]);
        var limit = 20;
        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || !Limits.Contains(limit)))
        {
            throw RetailCrmApiException.InputParameters("limit", "The value must be one of 20, 50, 100.");
        }

        var pageText = JsonArgs.Str(query["page"]);
        var page = 1;
        if (pageText is not null && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            throw RetailCrmApiException.InputParameters("page", "The value must be greater than or equal to 1.");
        }

        return (limit, page);
    }

    private JsonObject Pagination(int limit, int page, int total) => new()
    {
        ["limit"] = limit,
        ["totalCount"] = total,
        ["currentPage"] = page,
        ["totalPageCount"] = total == 0 ? Faults.EmptyTotalPageCount : (total + limit - 1) / limit,
    };

    private DateTimeOffset? Date(JsonObject filter, string name, bool start)
    {
        var text = JsonArgs.Str(filter[name]);
        if (text is null)
        {
            return null;
        }

        if (!Wire.TryParse(text, out var moment))
        {
            throw RetailCrmApiException.InputParameters($"filter[{name}]", "The date is not valid.");
        }

        return text.Trim().Length == 10 && !start ? moment.AddDays(1).AddTicks(-1) : moment;
    }

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonObject or JsonArray ? JsonArgs.Items(node).Select(JsonArgs.Str).OfType<string>() : JsonArgs.Str(node) is { } one ? [one] : [];

    private static decimal Decimal(JsonNode? node) =>
        decimal.TryParse(JsonArgs.Str(node), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : 0m;

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
