using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SyncGrid.Sandbox.Bitrix24;

namespace SyncGrid.Sandbox.RetailCrm;

/// <summary>
/// A faithful RetailCRM (API v5) account on a loopback port: orders, order history, the statuses dictionary,
/// customers and order edits, with the real envelopes, error texts, PHP-style encodings, a 10 requests/s token bucket
/// answered with 503, and fault knobs. Two API keys: SyncGrid's (<see cref="ApiKey"/>) and the shop's, so SyncGrid's own
/// writes come back in the history with <c>apiKey.current=true</c> and everyone else's with <c>false</c>. Control and
/// inspection under <c>/_sandbox/</c> (no key).
/// </summary>
public sealed partial class RetailCrmSandbox : IAsyncDisposable
{
    internal const string SyncGridKeyId = "syncgrid";
    internal const string ShopKeyId = "shop";

    private static readonly JsonSerializerOptions WireJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly WebApplication _app;
    private readonly RetailCrmSandboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _bucketGate = new();
    private double _tokens;
    private DateTimeOffset _refilledAt;
    private long _limitHits;

    private RetailCrmSandbox(WebApplication app, RetailCrmSandboxOptions options, ILogger logger, string apiKey, string shopKey)
    {
        _app = app;
        _options = options;
        _time = options.TimeProvider;
        _logger = logger;
        ApiKey = apiKey;
        ShopApiKey = shopKey;
        Faults = new RetailCrmFaults(options.RandomSeed);
        options.ConfigureFaults?.Invoke(Faults);
        Store = new RetailCrmStore(_time);
        Wire = new RetailCrmWire(options.TimeZoneOffset, () => Faults.EmptyMapsAsArray);
        Keys =
        [
            new ApiKeyEntry(SyncGridKeyId, apiKey, null),
            new ApiKeyEntry(ShopKeyId, shopKey, null),
        ];
        _tokens = options.Burst;
        _refilledAt = _time.GetUtcNow();
    }

    /// <summary>The account URL a client is given, e.g. <c>http://127.0.0.1:5123</c> (the client appends <c>/api/v5/…</c>).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>SyncGrid's API key (full access to every site).</summary>
    public string ApiKey { get; }

    /// <summary>The shop's API key: its changes appear in the history with <c>apiKey.current=false</c> for SyncGrid.</summary>
    public string ShopApiKey { get; }

    /// <summary>Runtime fault knobs.</summary>
    public RetailCrmFaults Faults { get; }

    /// <summary>Requests per second of the account's bucket; adjustable at runtime.</summary>
    public double RequestsPerSecond
    {
        get => _options.RequestsPerSecond;
        set => _options.RequestsPerSecond = value;
    }

    internal RetailCrmStore Store { get; }

    internal RetailCrmWire Wire { get; }

    internal List<ApiKeyEntry> Keys { get; }

    internal ConcurrentDictionary<string, long> RequestsByRoute { get; } = new(StringComparer.Ordinal);

    internal ConcurrentDictionary<int, long> RequestsByStatus { get; } = new();

    /// <summary>Starts the account on 127.0.0.1 and returns once it accepts connections.</summary>
    public static async Task<RetailCrmSandbox> StartAsync(RetailCrmSandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = options.LoggerFactory?.CreateLogger<RetailCrmSandbox>() ?? (ILogger)NullLogger.Instance;
        var apiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? RandomNumberGenerator.GetHexString(32, lowercase: true) : options.ApiKey;
        var shopKey = string.IsNullOrWhiteSpace(options.ShopApiKey) ? RandomNumberGenerator.GetHexString(32, lowercase: true) : options.ShopApiKey;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(RetailCrmSandbox).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.BindAddress, options.Port));
        builder.Services.AddRouting();
        var app = builder.Build();
        var sandbox = new RetailCrmSandbox(app, options, logger, apiKey, shopKey);
        lock (sandbox.Store.Gate)
        {
            if (options.BuiltInShop)
            {
                RetailCrmBuiltInShop.Seed(sandbox.Store, sandbox.Wire, ShopKeyId, sandbox._time.GetUtcNow());
            }
            else
            {
                RetailCrmBuiltInShop.SeedDictionaries(sandbox.Store);
            }
        }

        app.Map("/api/{**path}", sandbox.HandleApiAsync);
        sandbox.MapAdmin(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sandbox.BaseUrl = $"http://{options.AdvertisedHost}:{new Uri(address).Port}";
        RetailCrmSandboxLog.Started(logger, sandbox.BaseUrl, options.RequestsPerSecond);
        return sandbox;
    }

    /// <summary>Generates a period of a shop's order flow into the account (see <see cref="RetailCrmShopDay"/>).</summary>
    public RetailCrmShopReport GenerateShopDay(RetailCrmShopDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (day.Start == default)
        {
            day.Start = _time.GetUtcNow() - day.Duration;
        }

        lock (Store.Gate)
        {
            return new RetailCrmShopGenerator(Store, Wire, day, ShopKeyId).Run();
        }
    }

    /// <summary>Forgets everything: orders, customers, history, counters and knobs; serves the built-in shop again when asked.</summary>
    public void Reset(bool builtInShop)
    {
        lock (Store.Gate)
        {
            Store.Clear();
            if (builtInShop)
            {
                RetailCrmBuiltInShop.Seed(Store, Wire, ShopKeyId, _time.GetUtcNow());
            }
            else
            {
                RetailCrmBuiltInShop.SeedDictionaries(Store);
            }
        }

        Faults.Reset();
        RequestsByRoute.Clear();
        RequestsByStatus.Clear();
        Interlocked.Exchange(ref _limitHits, 0);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleApiAsync(HttpContext context)
    {
        var request = context.Request;
        var query = PhpQuery.Parse(request.QueryString.Value);
        JsonObject form = [];
        if (HttpMethods.IsPost(request.Method) && (request.ContentType ?? string.Empty).StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            form = PhpQuery.Parse(await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false));
        }

        var path = (request.Path.Value ?? string.Empty).TrimEnd('/');
        var (route, reply) = Dispatch(request.Method, path, request.Headers["X-API-KEY"].ToString(), query, form);
        RequestsByRoute.AddOrUpdate(route, 1, (_, n) => n + 1);
        RequestsByStatus.AddOrUpdate(reply.Drop ? 0 : reply.Status, 1, (_, n) => n + 1);
        var latency = Faults.NextLatency();
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, _time, context.RequestAborted).ConfigureAwait(false);
        }

        await WriteAsync(context, reply).ConfigureAwait(false);
    }

    private (string Route, RetailCrmReply Reply) Dispatch(string verb, string path, string headerKey, JsonObject query, JsonObject form)
    {
        if (Faults.AccountDoesNotExist)
        {
            return ("(account)", RetailCrmReply.Page(404, "Account does not exist"));
        }

        var key = headerKey.Length > 0 ? headerKey : JsonArgs.Str(query["apiKey"]) ?? JsonArgs.Str(form["apiKey"]);
        if (string.IsNullOrEmpty(key))
        {
            return ("(auth)", Error(new RetailCrmApiException(401, "\"apiKey\" is missing.")));
        }

        var entry = Keys.Find(k => string.Equals(k.Key, key, StringComparison.Ordinal));
        if (entry is null)
        {
            return ("(auth)", Error(new RetailCrmApiException(403, "Wrong \"apiKey\" value.")));
        }

        if (!TryTakeToken())
        {
            Interlocked.Increment(ref _limitHits);
            RetailCrmSandboxLog.Limited(_logger, path);
            var status = _options.RateLimitStatus;
            return ("(limit)", Faults.LimitBody switch
            {
                RetailCrmLimitBody.Html => RetailCrmReply.Page(status, "Service Temporarily Unavailable"),
                RetailCrmLimitBody.Empty => new RetailCrmReply(status, null, Empty: true),
                _ => new RetailCrmReply(status, new JsonObject { ["success"] = false, ["errorMsg"] = "Rate limit exceeded" }),
            });
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        var (route, handler, write) = Route(verb, segments);
        if (handler is null)
        {
            return (route, Error(new RetailCrmApiException(404, "Method not found")));
        }

        var fault = Faults.Roll(route);
        if (fault is { } kind && !(write && Faults.AfterCommit))
        {
            RetailCrmSandboxLog.Injected(_logger, route, kind);
            return (route, Failure(kind));
        }

        RetailCrmReply reply;
        try
        {
            lock (Store.Gate)
            {
                reply = handler(new Call(entry, query, form, segments));
            }
        }
        catch (RetailCrmApiException e)
        {
            reply = Error(e);
        }

        if (fault is { } late)
        {
            RetailCrmSandboxLog.InjectedAfterCommit(_logger, route, late);
            return (route, Failure(late));
        }

        return (route, reply);
    }

    private RetailCrmReply Failure(RetailCrmFaultKind kind) => kind switch
    {
        RetailCrmFaultKind.Status502 => RetailCrmReply.Page(502, "Bad Gateway"),
        RetailCrmFaultKind.Status504 => RetailCrmReply.Page(504, "Gateway Time-out"),
        RetailCrmFaultKind.Reset => new RetailCrmReply(0, null, Drop: true),
        RetailCrmFaultKind.Timeout => new RetailCrmReply(0, null, Drop: true, Hold: Faults.TimeoutHold),
        RetailCrmFaultKind.Truncated => new RetailCrmReply(200, new JsonObject { ["success"] = true, ["history"] = new JsonArray() }, Truncate: true),
        RetailCrmFaultKind.Html => RetailCrmReply.Page(200, "Internal error"),
        _ => new RetailCrmReply(500, new JsonObject { ["success"] = false, ["errorMsg"] = "Internal Server Error" }),
    };

    private RetailCrmReply Error(RetailCrmApiException e)
    {
        var json = new JsonObject { ["success"] = false, ["errorMsg"] = e.Message };
        if (e.Errors is { Count: > 0 } errors)
        {
            json["errors"] = Faults.ErrorsAsArray
                ? new JsonArray([.. errors.Select(x => (JsonNode)$"{x.Key}: {x.Value}")])
                : new JsonObject(errors.Select(x => KeyValuePair.Create(x.Key, (JsonNode?)x.Value)));
        }

        return new RetailCrmReply(e.Status, json);
    }

    /// <summary>One token per request from a bucket of <see cref="RetailCrmSandboxOptions.Burst"/> refilled at the rate; a refused request takes none.</summary>
    private bool TryTakeToken()
    {
        lock (_bucketGate)
        {
            var now = _time.GetUtcNow();
            _tokens = Math.Min(_options.Burst, _tokens + ((now - _refilledAt).TotalSeconds * _options.RequestsPerSecond));
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }

    private async Task WriteAsync(HttpContext context, RetailCrmReply reply)
    {
        if (reply.Hold > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Hold, _time, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (reply.Drop)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = reply.Status;
        if (reply.Empty)
        {
            return;
        }

        if (reply.Html is not null)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(reply.Html, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        var text = reply.Json?.ToJsonString(WireJson) ?? "{}";
        await context.Response.WriteAsync(reply.Truncate ? text[..(text.Length / 2)] : text, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>One API key: its id (for <c>apiKey.current</c>), the secret, and the sites it sees (null: all).</summary>
    internal sealed record ApiKeyEntry(string Id, string Key, IReadOnlySet<string>? Sites);

    /// <summary>A request as a handler sees it.</summary>
    private sealed record Call(ApiKeyEntry Key, JsonObject Query, JsonObject Form, string[] Segments);
}
