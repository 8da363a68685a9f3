using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>Inspection and the loopback-only admin endpoint (<c>/_sandbox/…</c>, no webhook code).</summary>
public sealed partial class Bitrix24Sandbox
{
    private static readonly JsonSerializerOptions AdminJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Entity counts and request counters at this moment, without <see cref="Inspect"/>'s duplicate scans.</summary>
    public Bitrix24SandboxCounts Counts()
    {
        var store = _portal.Store;
        Dictionary<string, int> counts;
        lock (store.Gate)
        {
            var state = store.State;
            counts = state.Tables.ToDictionary(t => t.Key, t => t.Value.Count, StringComparer.Ordinal);
            counts["binding"] = state.Bindings.Count;
            counts["notification"] = state.Notifications.Count;
        }

        return new Bitrix24SandboxCounts
        {
            EntityCounts = counts,
            RequestsByMethod = new Dictionary<string, long>(_portal.RequestsByMethod, StringComparer.Ordinal),
            BatchCommandsByMethod = new Dictionary<string, long>(_portal.BatchCommandsByMethod, StringComparer.Ordinal),
            QueryLimitErrors = _portal.QueryLimitErrors,
            OperatingLimitErrors = _portal.OperatingLimitErrors,
        };
    }

    /// <summary>Counts, duplicate reports, request statistics and bucket levels at this moment.</summary>
    public Bitrix24SandboxInspection Inspect()
    {
        var store = _portal.Store;
        lock (store.Gate)
        {
            var state = store.State;
            var counts = state.Tables.ToDictionary(t => t.Key, t => t.Value.Count, StringComparer.Ordinal);
            counts["binding"] = state.Bindings.Count;
            counts["notification"] = state.Notifications.Count;
            var origins = new List<Bitrix24OriginDuplicate>();
            var multi = new List<Bitrix24MultiFieldDuplicate>();
            foreach (var (entity, table) in state.Tables)
            {
                origins.AddRange(table.Values
                    .Where(r => !string.IsNullOrEmpty(r.Get("ORIGIN_ID")))
                    .GroupBy(r => (Originator: r.Get("ORIGINATOR_ID") ?? string.Empty, Origin: r.Get("ORIGIN_ID")!))
                    .Where(g => g.Count() > 1)
                    .Select(g => new Bitrix24OriginDuplicate(entity, g.Key.Originator, g.Key.Origin, [.. g.Select(r => r.Id)])));
                foreach (var record in table.Values)
                {
                    multi.AddRange(record.Multi.Where(m => m.TypeId is "PHONE" or "EMAIL")
                        .GroupBy(m => (m.TypeId, Code: CrmStore.NormalizeCommunication(m.TypeId, m.Value)))
                        .Where(g => g.Count() > 1)
                        .Select(g => new Bitrix24MultiFieldDuplicate(entity, record.Id, g.Key.TypeId, g.Key.Code, g.Count())));
                }
            }

            return new Bitrix24SandboxInspection
            {
                EntityCounts = counts,
                OriginDuplicates = origins,
                MultiFieldDuplicates = multi,
                RequestsByMethod = new Dictionary<string, long>(_portal.RequestsByMethod, StringComparer.Ordinal),
                BatchCommandsByMethod = new Dictionary<string, long>(_portal.BatchCommandsByMethod, StringComparer.Ordinal),
                RequestsByStatus = new Dictionary<int, long>(_portal.RequestsByStatus),
                QueryLimitErrors = _portal.QueryLimitErrors,
                OperatingLimitErrors = _portal.OperatingLimitErrors,
                BucketLevels = _portal.Bucket.Levels(),
                Notifications = [.. state.Notifications.Select(n => n.Message)],
            };
        }
    }

    private void MapAdmin(WebApplication app)
    {
        var admin = app.MapGroup("/_sandbox");
        admin.MapGet("/inspect", () => Results.Json(Inspect(), AdminJson));
        admin.MapGet("/export", () => Results.Text(ExportJson(), "application/json"));
        admin.MapPost("/reset", () =>
        {
            Reset();
            return Results.NoContent();
        });
        admin.MapPost("/save", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            var path = JsonArgs.Str(body?["path"]);
            if (string.IsNullOrEmpty(path))
            {
                return Results.BadRequest(new { error = "path is required" });
            }

            await SaveStateAsync(path, cancellationToken).ConfigureAwait(false);
            return Results.NoContent();
        });
        admin.MapPost("/faults", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject;
            return body is null ? Results.BadRequest(new { error = "a JSON object is required" }) : ApplyKnobs(body);
        });
    }

    /// <summary>
    /// Applies admin knobs. Keys: <c>latency</c> {method: {min_ms, max_ms}}, <c>error_rate_5xx</c>, <c>error_body</c>
    /// (json_internal|json_unexpected|html502|html504), <c>fail_after_commit</c> {method: {probability, mode: 500|drop|timeout}},
    /// <c>fail_before_commit</c> {method: probability}, <c>query_limit_storm</c> {requests, seconds},
    /// <c>force_operating_block</c> {method, seconds}, <c>revoke_webhook</c>, <c>overload_block</c>, <c>seed</c>,
    /// <c>bucket_burst</c>, <c>bucket_drain</c>, <c>operating_limit_seconds</c>, <c>reset</c>.
    /// </summary>
    private IResult ApplyKnobs(JsonObject body)
    {
        var faults = Faults;
        static double Number(JsonNode? node) => double.Parse(JsonArgs.Str(node) ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        if (JsonArgs.Truthy(body["reset"]))
        {
            faults.Reset();
        }

        foreach (var (method, spec) in body["latency"] as JsonObject ?? [])
        {
            var min = TimeSpan.FromMilliseconds(Number(spec?["min_ms"] ?? spec?["ms"]));
            faults.SetLatency(method, min, spec?["max_ms"] is { } max ? TimeSpan.FromMilliseconds(Number(max)) : null);
        }

        if (body["error_rate_5xx"] is { } rate)
        {
            faults.ErrorRate5xx = Number(rate);
        }

        if (JsonArgs.Str(body["error_body"]) is { } errorBody)
        {
            faults.ErrorBody = errorBody switch
            {
                "html502" => Bitrix24ErrorBody.Html502,
                "html504" => Bitrix24ErrorBody.Html504,
                "json_unexpected" => Bitrix24ErrorBody.JsonUnexpectedAnswer,
                _ => Bitrix24ErrorBody.JsonInternalServerError,
            };
        }

        foreach (var (method, spec) in body["fail_after_commit"] as JsonObject ?? [])
        {
            var mode = JsonArgs.Str(spec?["mode"]) switch
            {
                "drop" => Bitrix24CommitFailure.Drop,
                "timeout" => Bitrix24CommitFailure.Timeout,
                _ => Bitrix24CommitFailure.Status500,
            };
            faults.SetFailAfterCommit(method, Number(spec?["probability"]), mode);
        }

        foreach (var (method, probability) in body["fail_before_commit"] as JsonObject ?? [])
        {
            faults.SetFailBeforeCommit(method, Number(probability));
        }

        if (body["query_limit_storm"] is JsonObject storm)
        {
            faults.StartQueryLimitStorm((int)Number(storm["requests"]), TimeSpan.FromSeconds(Number(storm["seconds"])));
        }

        if (body["force_operating_block"] is JsonObject block && JsonArgs.Str(block["method"]) is { } blocked)
        {
            faults.ForceOperatingBlock(blocked, TimeSpan.FromSeconds(Number(block["seconds"])));
        }

        if (body["revoke_webhook"] is { } revoke)
        {
            faults.WebhookRevoked = JsonArgs.Truthy(revoke);
        }

        if (body["overload_block"] is { } overload)
        {
            faults.OverloadBlock = JsonArgs.Truthy(overload);
        }

        if (body["seed"] is { } seed)
        {
            faults.Reseed((int)Number(seed));
        }

        if (body["bucket_burst"] is { } burst)
        {
            _portal.Bucket.Burst = Number(burst);
        }

        if (body["bucket_drain"] is { } drain)
        {
            _portal.Bucket.DrainPerSecond = Number(drain);
        }

        if (body["operating_limit_seconds"] is { } limit)
        {
            _portal.Operating.LimitSeconds = Number(limit);
        }

        return Results.NoContent();
    }
}
