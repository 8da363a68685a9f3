using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>
/// Outgoing webhooks and event handlers of a portal (§7.12): registered through the admin endpoint (an outgoing
/// webhook, with the application token the portal shows for it) or with <c>event.bind</c> when the knob allows it.
/// Every add, update and delete of a deal, contact or company — SyncGrid's own included — enqueues one event per
/// matching handler, delivered asynchronously as a form-encoded POST with the exact field set of the docs. No retries:
/// a failed delivery is lost. Knobs: delay, drop and duplicate probability.
/// </summary>
internal sealed class OutgoingEvents : IAsyncDisposable
{
    private static readonly string[] Entities = ["DEAL", "CONTACT", "COMPANY"];
    private static readonly string[] Verbs = ["ADD", "UPDATE", "DELETE"];

    private readonly Lock _gate = new();
    private readonly List<OutgoingHandler> _handlers = [];
    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _domain;
    private readonly string _memberId;
    private Random _random;
    private Task? _loop;
    private int _lastHandlerId = 900;
    private long _delivered;
    private long _failed;
    private long _dropped;
    private long _pending;

    public OutgoingEvents(TimeProvider time, ILogger logger, string domain, string webhookCode, int? seed)
    {
        _time = time;
        _logger = logger;
        _domain = domain;
        _memberId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(domain + webhookCode)))[..32];
        _random = seed is { } s ? new Random(s) : new Random();
    }

    /// <summary>Events known to the portal (what <c>event.bind</c> accepts).</summary>
    public static IEnumerable<string> Known => Entities.SelectMany(e => Verbs.Select(v => $"ONCRM{e}{v}")).Append("ONCRMDEALMOVETOCATEGORY");

    /// <summary>Whether <c>event.bind</c> works through an inbound webhook (it does not on a real portal); default false.</summary>
    public bool AllowEventBindFromWebhook { get; set; }

    /// <summary>Delay before an event leaves the queue; default 0.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Probability an event is silently lost; default 0.</summary>
    public double DropProbability { get; set; }

    /// <summary>Probability an event is delivered twice; default 0.</summary>
    public double DuplicateProbability { get; set; }

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Failed => Interlocked.Read(ref _failed);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events enqueued and not yet delivered, failed or dropped.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Registers an outgoing webhook: the handler gets the events, each carrying <paramref name="token"/> (random when null).</summary>
    public OutgoingHandler Register(Uri handler, IEnumerable<string> events, string? token)
    {
        var registration = new OutgoingHandler(
            Interlocked.Increment(ref _lastHandlerId),
            handler,
            new HashSet<string>(events.Select(e => e.ToUpperInvariant()), StringComparer.Ordinal),
            string.IsNullOrEmpty(token) ? RandomNumberGenerator.GetHexString(32, lowercase: true) : token);
        lock (_gate)
        {
            _handlers.Add(registration);
            _loop ??= Task.Run(() => DeliverAsync(_stop.Token));
        }

        return registration;
    }

    public IReadOnlyList<OutgoingHandler> Handlers()
    {
        lock (_gate)
        {
            return [.. _handlers];
        }
    }

    public bool Unregister(int id)
    {
        lock (_gate)
        {
            return _handlers.RemoveAll(h => h.Id == id) > 0;
        }
    }

    /// <summary>Enqueues the event a successful method caused, if any handler listens for it.</summary>
    public void Observe(string method, JsonObject parameters, JsonNode? result)
    {
        var parts = method.Split('.');
        if (parts.Length != 3 || parts[0] != "crm" || !Entities.Contains(parts[1].ToUpperInvariant()) || !Verbs.Contains(parts[2].ToUpperInvariant()))
        {
            return;
        }

        var id = parts[2] == "add" ? JsonArgs.PositiveId(result) : JsonArgs.PositiveId(JsonArgs.Param(parameters, "id"));
        if (id is null)
        {
            return;
        }

        var name = $"ONCRM{parts[1].ToUpperInvariant()}{parts[2].ToUpperInvariant()}";
        List<OutgoingHandler> targets;
        lock (_gate)
        {
            targets = [.. _handlers.Where(h => h.Events.Contains(name))];
        }

        foreach (var handler in targets)
        {
            Interlocked.Increment(ref _pending);
            _queue.Writer.TryWrite(new Delivery(handler, name, id.Value, _time.GetUtcNow()));
        }
    }

    /// <summary><c>event.bind</c>, <c>event.unbind</c>, <c>event.get</c>, <c>events</c>.</summary>
    public void AddMethods(Dictionary<string, Func<JsonObject, MethodResult>> table)
    {
        table["event.bind"] = p =>
        {
            RequireAppContext();
            var name = JsonArgs.Str(JsonArgs.Param(p, "event"))?.ToUpperInvariant();
            var handler = JsonArgs.Str(JsonArgs.Param(p, "handler"));
            if (string.IsNullOrEmpty(name) || !Known.Contains(name))
            {
                throw new Bitrix24RestException(400, "ERROR_EVENT_NOT_FOUND", "Event not found");
            }

            if (!Uri.TryCreate(handler, UriKind.Absolute, out var uri))
            {
                throw new Bitrix24RestException(400, "ERROR_HANDLER_URL_MISMATCH", "Wrong handler URL");
            }

            lock (_gate)
            {
                if (_handlers.Exists(h => h.Handler == uri && h.Events.Contains(name)))
                {
                    throw new Bitrix24RestException(400, "ERROR_HANDLER_ALREADY_EXIST", "Handler already exists!");
                }
            }

            Register(uri, [name], token: null);
            return new MethodResult(true);
        };
        table["event.unbind"] = p =>
        {
            RequireAppContext();
            var name = JsonArgs.Str(JsonArgs.Param(p, "event"))?.ToUpperInvariant();
            var handler = JsonArgs.Str(JsonArgs.Param(p, "handler"));
            lock (_gate)
            {
                var count = _handlers.RemoveAll(h => h.Events.Contains(name ?? string.Empty) && (handler is null || h.Handler.ToString() == handler));
                return new MethodResult(new JsonObject { ["count"] = count });
            }
        };
        table["event.get"] = _ =>
        {
            RequireAppContext();
            return new MethodResult(new JsonArray([.. Handlers().SelectMany(h => h.Events.Select(e => (JsonNode)new JsonObject
            {
                ["event"] = e,
                ["handler"] = h.Handler.ToString(),
                ["auth_type"] = "0",
                ["offline"] = 0,
            }))]));
        };
        table["events"] = _ => new MethodResult(new JsonArray([.. Known.Select(e => (JsonNode)e)]));
    }

    private void RequireAppContext()
    {
        if (!AllowEventBindFromWebhook)
        {
            throw new Bitrix24RestException(403, "WRONG_AUTH_TYPE", "Current authorization type is denied for this method");
        }
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var wait = delivery.EnqueuedAt + Delay - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }

                bool drop, twice;
                lock (_gate)
                {
                    drop = DropProbability > 0 && _random.NextDouble() < DropProbability;
                    twice = DuplicateProbability > 0 && _random.NextDouble() < DuplicateProbability;
                }

                if (drop)
                {
                    Interlocked.Increment(ref _dropped);
                }
                else
                {
                    for (var i = 0; i < (twice ? 2 : 1); i++)
                    {
                        await PostAsync(delivery, cancellationToken).ConfigureAwait(false);
                    }
                }

                Interlocked.Decrement(ref _pending);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The portal stops.
        }
    }

    private async Task PostAsync(Delivery d, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["event"] = d.Event,
            ["event_handler_id"] = d.Handler.Id.ToString(CultureInfo.InvariantCulture),
            ["data[FIELDS][ID]"] = d.EntityId.ToString(CultureInfo.InvariantCulture),
            ["ts"] = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["auth[domain]"] = _domain,
            ["auth[client_endpoint]"] = $"https://{_domain}/rest/",
            ["auth[server_endpoint]"] = "https://oauth.bitrix24.tech/rest/",
            ["auth[member_id]"] = _memberId,
            ["auth[application_token]"] = d.Handler.Token,
        };
        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await _http.PostAsync(d.Handler.Handler, content, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _delivered);
            }
            else
            {
                Interlocked.Increment(ref _failed);
                Bitrix24SandboxLog.EventFailed(_logger, d.Event, (int)response.StatusCode);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failed);
            Bitrix24SandboxLog.EventFailed(_logger, d.Event, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _http.Dispose();
        _stop.Dispose();
    }

    public void Reset()
    {
        lock (_gate)
        {
            _handlers.Clear();
            Delay = TimeSpan.Zero;
            DropProbability = 0;
            DuplicateProbability = 0;
            AllowEventBindFromWebhook = false;
        }
    }

    public void Reseed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    private sealed record Delivery(OutgoingHandler Handler, string Event, int EntityId, DateTimeOffset EnqueuedAt);
}

/// <summary>A registered event handler: its id, URL, events and application token.</summary>
internal sealed record OutgoingHandler(int Id, Uri Handler, IReadOnlySet<string> Events, string Token);
