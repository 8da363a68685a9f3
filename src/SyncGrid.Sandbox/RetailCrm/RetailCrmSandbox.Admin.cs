using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SyncGrid.Sandbox.Bitrix24;

namespace SyncGrid.Sandbox.RetailCrm;

/// <summary>Inspection, manager actions and knobs: the loopback-only control endpoint (<c>/_sandbox/…</c>, no key).</summary>
public sealed partial class RetailCrmSandbox
{
    private static readonly JsonSerializerOptions AdminJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>What the account holds and served at this moment.</summary>
    public RetailCrmSandboxInspection Inspect()
    {
        lock (Store.Gate)
        {
            return new RetailCrmSandboxInspection
            {
                Orders = Store.Orders.Count,
                Customers = Store.Customers.Count,
                LastHistoryId = Store.LastHistoryId,
                OrdersByStatus = Store.Orders.Values.GroupBy(o => o.Status).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                EditsBySyncGrid = Store.History.Count(r => r.Actor.ApiKeyId == SyncGridKeyId),
                RequestsByRoute = new Dictionary<string, long>(RequestsByRoute, StringComparer.Ordinal),
                RequestsByStatus = new Dictionary<int, long>(RequestsByStatus),
                LimitHits = Interlocked.Read(ref _limitHits),
            };
        }
    }

    /// <summary>An order as the API serves it, or null.</summary>
    public JsonObject? GetOrder(long id)
    {
        lock (Store.Gate)
        {
            return Store.Orders.TryGetValue(id, out var order) ? Wire.Order(order, Store.CustomerOf(order)) : null;
        }
    }

    /// <summary>Every order id with its number, status and manager comment.</summary>
    public IReadOnlyList<(long Id, string Number, string Status, string? ManagerComment)> ListOrders()
    {
        lock (Store.Gate)
        {
            return [.. Store.Orders.Values.Select(o => (o.Id, o.Number, o.Status, o.ManagerComment))];
        }
    }

    /// <summary>
    /// Changes an order as a manager in the UI (<c>source=user</c>) would: <c>status</c>, <c>managerComment</c>,
    /// <c>customerComment</c>, <c>firstName</c>, <c>lastName</c>, <c>phone</c>, <c>email</c>. Returns the history records written.
    /// </summary>
    public int EditAsManager(long id, IReadOnlyDictionary<string, string?> fields, int userId = 11)
    {
        ArgumentNullException.ThrowIfNull(fields);
        lock (Store.Gate)
        {
            if (!Store.Orders.TryGetValue(id, out var order))
            {
                throw new KeyNotFoundException($"The sandbox has no order {id}.");
            }

            var data = new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value)));
            return Store.EditOrder(order, o => Apply(o, data, creating: false), ShopActor.User(userId));
        }
    }

    /// <summary>Adds or changes a status of the dictionary (rename, deactivate, move to a group) at runtime.</summary>
    public void SetStatus(string code, string name, string group, bool active)
    {
        lock (Store.Gate)
        {
            var status = Store.Status(code);
            if (status is null)
            {
                status = new ShopStatus { Code = code, Ordering = (Store.Statuses.Count + 1) * 10 };
                Store.Statuses.Add(status);
            }

            status.Name = name;
            status.Group = group;
            status.Active = active;
        }
    }

    /// <summary>Forbids (or allows again) an edit from one status to another (accounts can restrict transitions).</summary>
    public void ForbidTransition(string from, string to, bool forbidden = true)
    {
        lock (Store.Gate)
        {
            if (forbidden)
            {
                Store.ForbiddenTransitions.Add((from, to));
            }
            else
            {
                Store.ForbiddenTransitions.Remove((from, to));
            }
        }
    }

    private void MapAdmin(WebApplication app)
    {
        var admin = app.MapGroup("/_sandbox");
        admin.MapGet("/inspect", () => Results.Json(Inspect(), AdminJson));
        admin.MapPost("/reset", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await ReadJsonAsync(request, ct).ConfigureAwait(false);
            Reset(body?["builtInShop"] is not { } b || JsonArgs.Truthy(b));
            return Results.NoContent();
        });
        admin.MapPost("/generate", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await ReadJsonAsync(request, ct).ConfigureAwait(false) ?? [];
            var day = new RetailCrmShopDay();
            if (Int(body["orders"]) is { } orders)
            {
                day.Orders = orders;
            }

            if (Int(body["seed"]) is { } seed)
            {
                day.Seed = seed;
            }

            if (Int(body["hours"]) is { } hours)
            {
                day.Duration = TimeSpan.FromHours(hours);
            }

            return Results.Json(GenerateShopDay(day), AdminJson);
        });
        admin.MapPost("/orders/{id:long}/edit", async (long id, HttpRequest request, CancellationToken ct) =>
        {
            var body = await ReadJsonAsync(request, ct).ConfigureAwait(false) ?? [];
            var fields = body.Where(p => p.Key != "userId").ToDictionary(p => p.Key, p => JsonArgs.Str(p.Value), StringComparer.Ordinal);
            try
            {
                return Results.Json(new { records = EditAsManager(id, fields, Int(body["userId"]) ?? 11) }, AdminJson);
            }
            catch (KeyNotFoundException e)
            {
                return Results.NotFound(new { error = e.Message });
            }
            catch (RetailCrmApiException e)
            {
                return Results.BadRequest(new { error = e.Message, errors = e.Errors });
            }
        });
        admin.MapPost("/statuses", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await ReadJsonAsync(request, ct).ConfigureAwait(false) ?? [];
            if (JsonArgs.Str(body["code"]) is not { Length: > 0 } code)
            {
                return Results.BadRequest(new { error = "code is required" });
            }

            SetStatus(code, JsonArgs.Str(body["name"]) ?? code, JsonArgs.Str(body["group"]) ?? "new", body["active"] is not { } a || JsonArgs.Truthy(a));
            return Results.NoContent();
        });
        admin.MapPost("/faults", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await ReadJsonAsync(request, ct).ConfigureAwait(false);
            return body is null ? Results.BadRequest(new { error = "a JSON object is required" }) : ApplyKnobs(body);
        });
    }

    /// <summary>
    /// Knobs: <c>reset</c>, <c>rate</c>, <c>kinds</c> [status500|status502|status504|reset|timeout|truncated|html],
    /// <c>byRoute</c> {route: rate}, <c>afterCommit</c>, <c>latencyMs</c> [min, max], <c>limitBody</c> json|html|empty,
    /// <c>emptyMapsAsArray</c>, <c>errorsAsArray</c>, <c>accountDoesNotExist</c>, <c>rps</c>, <c>visibilityDelayMs</c>,
    /// <c>forbid</c> [[from, to], …], <c>seed</c>.
    /// </summary>
    private IResult ApplyKnobs(JsonObject body)
    {
        if (JsonArgs.Truthy(body["reset"]))
        {
            Faults.Reset();
        }

        if (Double(body["rate"]) is { } rate)
        {
            Faults.Rate = rate;
        }

        if (body["kinds"] is JsonArray kinds)
        {
            Faults.Kinds = [.. kinds.Select(JsonArgs.Str).OfType<string>().Select(k => Enum.Parse<RetailCrmFaultKind>(k, ignoreCase: true))];
        }

        foreach (var (route, value) in body["byRoute"] as JsonObject ?? [])
        {
            Faults.SetRouteRate(route, Double(value) ?? 0);
        }

        if (body["afterCommit"] is { } afterCommit)
        {
            Faults.AfterCommit = JsonArgs.Truthy(afterCommit);
        }

        if (body["latencyMs"] is JsonArray latency && latency.Count == 2)
        {
            Faults.Latency = (TimeSpan.FromMilliseconds(Double(latency[0]) ?? 0), TimeSpan.FromMilliseconds(Double(latency[1]) ?? 0));
        }

        if (JsonArgs.Str(body["limitBody"]) is { } limitBody)
        {
            Faults.LimitBody = Enum.Parse<RetailCrmLimitBody>(limitBody, ignoreCase: true);
        }

        if (body["emptyMapsAsArray"] is { } maps)
        {
            Faults.EmptyMapsAsArray = JsonArgs.Truthy(maps);
        }

        if (body["errorsAsArray"] is { } errors)
        {
            Faults.ErrorsAsArray = JsonArgs.Truthy(errors);
        }

        if (body["accountDoesNotExist"] is { } missing)
        {
            Faults.AccountDoesNotExist = JsonArgs.Truthy(missing);
        }

        if (Double(body["rps"]) is { } rps)
        {
            RequestsPerSecond = rps;
        }

        if (Double(body["visibilityDelayMs"]) is { } delay)
        {
            lock (Store.Gate)
            {
                Store.VisibilityDelay = TimeSpan.FromMilliseconds(delay);
            }
        }

        foreach (var pair in (body["forbid"] as JsonArray ?? []).OfType<JsonArray>().Where(p => p.Count == 2))
        {
            ForbidTransition(JsonArgs.Str(pair[0])!, JsonArgs.Str(pair[1])!);
        }

        if (Int(body["seed"]) is { } seed)
        {
            Faults.Reseed(seed);
        }

        return Results.NoContent();
    }

    private static async Task<JsonObject?> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is 0)
        {
            return null;
        }

        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: ct).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? Int(JsonNode? node) => int.TryParse(JsonArgs.Str(node), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static double? Double(JsonNode? node) => double.TryParse(JsonArgs.Str(node), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
}
