using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>Outgoing webhooks (§7.12), their knobs, and changes made "by an employee" in the portal's UI.</summary>
public sealed partial class Bitrix24Sandbox
{
    /// <summary>
    /// Registers an outgoing webhook as an administrator does in the portal's UI: <paramref name="handler"/> receives
    /// <paramref name="events"/> (e.g. <c>ONCRMDEALUPDATE</c>) with <paramref name="applicationToken"/> (random when null).
    /// </summary>
    public Bitrix24OutgoingWebhook AddOutgoingWebhook(Uri handler, IEnumerable<string> events, string? applicationToken = null)
    {
        var h = _portal.Events.Register(handler, events, applicationToken);
        return new Bitrix24OutgoingWebhook(h.Id, h.Handler, [.. h.Events], h.Token);
    }

    /// <summary>Delivered, failed, dropped and pending outgoing events.</summary>
    public Bitrix24EventStats EventStats => new(_portal.Events.Delivered, _portal.Events.Failed, _portal.Events.Dropped, _portal.Events.Pending);

    /// <summary>Outgoing-event knobs: delivery delay, probability an event is lost or delivered twice, and whether <c>event.bind</c> works from a webhook.</summary>
    public void SetEventDelivery(TimeSpan delay, double dropProbability = 0, double duplicateProbability = 0, bool allowEventBindFromWebhook = false)
    {
        _portal.Events.Delay = delay;
        _portal.Events.DropProbability = dropProbability;
        _portal.Events.DuplicateProbability = duplicateProbability;
        _portal.Events.AllowEventBindFromWebhook = allowEventBindFromWebhook;
    }

    /// <summary>
    /// Changes a deal, contact or company as employee <paramref name="userId"/> would in the UI (<c>MODIFY_BY_ID</c> is
    /// theirs; the update events fire). <paramref name="entity"/> is <c>deal</c>, <c>contact</c> or <c>company</c>.
    /// </summary>
    public void EditAsEmployee(string entity, int id, IReadOnlyDictionary<string, string?> fields, int userId = 7)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var method = $"crm.{entity}.update";
        var parameters = new JsonObject
        {
            ["id"] = id.ToString(CultureInfo.InvariantCulture),
            ["fields"] = new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))),
        };
        var store = _portal.Store;
        lock (store.Gate)
        {
            var webhookUser = store.UserId;
            store.UserId = userId;
            try
            {
                var schema = entity switch
                {
                    "deal" => EntitySchema.Deal,
                    "contact" => EntitySchema.Contact,
                    "company" => EntitySchema.Company,
                    _ => throw new ArgumentException($"Unknown entity '{entity}'.", nameof(entity)),
                };
                if (schema == EntitySchema.Deal)
                {
                    store.UpdateDeal(parameters);
                }
                else
                {
                    store.Update(schema, parameters);
                }
            }
            catch (Bitrix24RestException e)
            {
                throw new InvalidOperationException($"{method} {id} refused: {e.Message}", e);
            }
            finally
            {
                store.UserId = webhookUser;
            }
        }

        _portal.Events.Observe(method, parameters, true);
    }

    /// <summary>A deal's fields as <c>crm.deal.get</c> returns them, or null.</summary>
    public IReadOnlyDictionary<string, string?>? GetDeal(int id)
    {
        var store = _portal.Store;
        lock (store.Gate)
        {
            return store.State.Table(EntitySchema.Deal.Name).TryGetValue(id, out var record)
                ? store.Project(EntitySchema.Deal, record).ToDictionary(p => p.Key, p => JsonArgs.Str(p.Value), StringComparer.Ordinal)
                : null;
        }
    }

    /// <summary>Every task: id, title, responsible, CRM bindings.</summary>
    public IReadOnlyList<(int Id, string Title, int ResponsibleId, IReadOnlyList<string> Crm)> Tasks()
    {
        var store = _portal.Store;
        lock (store.Gate)
        {
            return [.. store.State.Tasks.Select(t => (t.Id, t.Title, t.ResponsibleId, (IReadOnlyList<string>)[.. t.Crm]))];
        }
    }

    /// <summary>Every notification: recipient, message, tag.</summary>
    public IReadOnlyList<(string UserId, string Message, string? Tag)> NotificationsSent()
    {
        var store = _portal.Store;
        lock (store.Gate)
        {
            return [.. store.State.Notifications.Select(n => (n.UserId, n.Message, n.Tag))];
        }
    }

    private void MapEventsAdmin(WebApplication app)
    {
        var admin = app.MapGroup("/_sandbox");
        admin.MapGet("/outgoing-webhooks", () => Results.Json(_portal.Events.Handlers().Select(h => new { h.Id, handler = h.Handler, events = h.Events, applicationToken = h.Token }), AdminJson));
        admin.MapPost("/outgoing-webhooks", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject;
            if (!Uri.TryCreate(JsonArgs.Str(body?["handler"]), UriKind.Absolute, out var handler))
            {
                return Results.BadRequest(new { error = "handler (an absolute URL) is required" });
            }

            var events = JsonArgs.Items(body!["events"]).Select(JsonArgs.Str).OfType<string>().ToList();
            var webhook = AddOutgoingWebhook(handler, events.Count > 0 ? events : ["ONCRMDEALUPDATE"], JsonArgs.Str(body["applicationToken"]));
            return Results.Json(webhook, AdminJson);
        });
        admin.MapDelete("/outgoing-webhooks/{id:int}", (int id) => _portal.Events.Unregister(id) ? Results.NoContent() : Results.NotFound());
        admin.MapPost("/events", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject ?? [];
            static double Number(JsonNode? node) => double.TryParse(JsonArgs.Str(node), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : 0;
            SetEventDelivery(TimeSpan.FromMilliseconds(Number(body["delay_ms"])), Number(body["drop"]), Number(body["duplicate"]), JsonArgs.Truthy(body["allow_event_bind"]));
            return Results.NoContent();
        });
        admin.MapPost("/deals/{id:int}", async (int id, HttpRequest request, CancellationToken cancellationToken) =>
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject ?? [];
            try
            {
                EditAsEmployee("deal", id, body.Where(p => p.Key != "userId").ToDictionary(p => p.Key, p => JsonArgs.Str(p.Value), StringComparer.Ordinal), JsonArgs.PositiveId(body["userId"]) ?? 7);
                return Results.NoContent();
            }
            catch (InvalidOperationException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        });
    }
}
