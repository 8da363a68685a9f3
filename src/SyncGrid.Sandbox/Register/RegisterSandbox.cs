using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SyncGrid.Sandbox.Register;

/// <summary>
/// A faithful sandbox of the state register's DaData-compatible "find party by id" contract on a loopback port: token
/// auth, 400/401/403/405/413/429, a per-second rate limit, a daily quota, latency and injected faults, served from a
/// register file or the built-in register. <c>GET /__sandbox/stats</c> (no key) shows what it served.
/// </summary>
public sealed class RegisterSandbox : IAsyncDisposable
{
    /// <summary>The path of "find party by id".</summary>
    public const string FindPartyPath = "/suggestions/api/4_1/rs/findById/party";

    /// <summary>The inspection endpoint.</summary>
    public const string StatsPath = "/__sandbox/stats";

    private const int DefaultCount = 10;
    private const int MaxCount = 300;

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly RegisterSandboxOptions _options;
    private readonly ILookup<string, RegisterSandboxCompany> _byInn;
    private readonly ILookup<string, RegisterSandboxCompany> _byOgrn;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _window = new();
    private readonly Dictionary<int, long> _byStatus = [];
    private readonly List<DateTimeOffset> _arrivals = [];
    private readonly Random _dice;
    private long _requests;
    private long _found;
    private long _notFound;
    private long _quotaUsed;
    private DateOnly _quotaDay;
    private DateTimeOffset _outageUntil = DateTimeOffset.MinValue;
    private int _failNextCount;
    private int _failNextStatus;

    private RegisterSandbox(WebApplication app, RegisterSandboxOptions options, IReadOnlyList<RegisterSandboxCompany> companies, string apiKey)
    {
        _app = app;
        _options = options;
        _time = options.TimeProvider;
        _startedAt = _time.GetUtcNow();
        _quotaDay = DateOnly.FromDateTime(_startedAt.UtcDateTime);
        _dice = new Random(options.Seed);
        _byInn = companies.ToLookup(c => c.Inn, StringComparer.Ordinal);
        _byOgrn = companies.ToLookup(c => c.Ogrn, StringComparer.Ordinal);
        ApiKey = apiKey;
        Companies = companies;
    }

    /// <summary>The base URL clients use, for example <c>http://127.0.0.1:5080</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The API key clients must send as <c>Authorization: Token {key}</c>.</summary>
    public string ApiKey { get; }

    /// <summary>The register served.</summary>
    public IReadOnlyList<RegisterSandboxCompany> Companies { get; }

    /// <summary>Starts a sandbox on 127.0.0.1.</summary>
    public static async Task<RegisterSandbox> StartAsync(RegisterSandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var companies = options.Companies
            ?? (options.RegisterFile is { } file ? await RegisterSandboxFile.ReadAsync(file, cancellationToken).ConfigureAwait(false) : RegisterSandboxBuiltIn.Companies);
        var apiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? RandomNumberGenerator.GetHexString(40, lowercase: true) : options.ApiKey;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(options.BindAddress, options.Port);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var sandbox = new RegisterSandbox(app, options, companies, apiKey);
        app.Map(FindPartyPath, sandbox.HandleAsync);
        app.MapGet(StatsPath, sandbox.WriteStatsAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sandbox.BaseUrl = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return sandbox;
    }

    /// <summary>A snapshot of what was served.</summary>
    public RegisterSandboxStats Stats
    {
        get
        {
            lock (_gate)
            {
                return new RegisterSandboxStats(_requests, new Dictionary<int, long>(_byStatus), _found, _notFound, _quotaUsed, _options.DailyQuota);
            }
        }
    }

    /// <summary>When each request reached the endpoint (sandbox clock), in order.</summary>
    public IReadOnlyList<DateTimeOffset> RequestTimes
    {
        get
        {
            lock (_gate)
            {
                return [.. _arrivals];
            }
        }
    }

    /// <summary>Answers the next <paramref name="count"/> authorised requests with <paramref name="status"/> (a 5xx, 429, 400, 401 or 403).</summary>
    public void FailNext(int count, int status)
    {
        lock (_gate)
        {
            _failNextCount = count;
            _failNextStatus = status;
        }
    }

    /// <summary>Answers every request with 503 for <paramref name="duration"/> from now.</summary>
    public void StartOutage(TimeSpan duration)
    {
        lock (_gate)
        {
            _outageUntil = _time.GetUtcNow() + duration;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _requests++;
            _arrivals.Add(now);
        }

        var (status, latency, body) = await AnswerAsync(context, now).ConfigureAwait(false);
        lock (_gate)
        {
            _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
        }

        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, _time, context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.StatusCode = status;
        if (status == StatusCodes.Status429TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<(int Status, TimeSpan Latency, byte[] Body)> AnswerAsync(HttpContext context, DateTimeOffset now)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            return Error(StatusCodes.Status405MethodNotAllowed, "Method Not Allowed", "Only POST is allowed.");
        }

        if (request.ContentLength > _options.MaxBodyBytes)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, "Request Entity Too Large", $"The request body exceeds {_options.MaxBodyBytes} bytes.");
        }

        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Token ", StringComparison.Ordinal) || authorization.Length <= "Token ".Length)
        {
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "The API key is missing: send Authorization: Token {key}.");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization["Token ".Length..].Trim()), Encoding.UTF8.GetBytes(ApiKey)))
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "The API key is not valid.");
        }

        var fault = Admit(now);
        if (fault is not null)
        {
            return fault.Value;
        }

        var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, "Request Entity Too Large", $"The request body exceeds {_options.MaxBodyBytes} bytes.");
        }

        if (!TryParseQuery(body, out var query, out var problem))
        {
            return Error(StatusCodes.Status400BadRequest, "Bad Request", problem);
        }

        var matches = Find(query);
        lock (_gate)
        {
            _quotaUsed++;
            if (matches.Count > 0)
            {
                _found++;
            }
            else
            {
                _notFound++;
            }
        }

        return (StatusCodes.Status200OK, LatencyOfThisAnswer(), Suggestions(matches));
    }

    /// <summary>The rate window, the quota and the injected faults, in the order a real service meets them.</summary>
    private (int, TimeSpan, byte[])? Admit(DateTimeOffset now)
    {
        lock (_gate)
        {
            while (_window.Count > 0 && now - _window.Peek() >= TimeSpan.FromSeconds(1))
            {
                _window.Dequeue();
            }

            if (_window.Count >= _options.RateLimitPerSecond)
            {
                return Error(StatusCodes.Status429TooManyRequests, "Too Many Requests", $"More than {_options.RateLimitPerSecond} requests per second.");
            }

            _window.Enqueue(now);
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (today != _quotaDay)
            {
                _quotaDay = today;
                _quotaUsed = 0;
            }

            if (_quotaUsed >= _options.DailyQuota)
            {
                return Error(StatusCodes.Status403Forbidden, "Forbidden", "The daily request quota is exhausted.");
            }

            if (_failNextCount > 0)
            {
                _failNextCount--;
                return Error(_failNextStatus, "Injected fault", $"Injected HTTP {_failNextStatus}.");
            }

            var outage = _options.OutageStart is { } start && now >= _startedAt + start && now < _startedAt + start + _options.OutageDuration;
            if (outage || now < _outageUntil)
            {
                return Error(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "The register is down (outage).");
            }

            if (_options.ErrorRate > 0 && _dice.NextDouble() < _options.ErrorRate)
            {
                int[] statuses = [500, 502, 503];
                var status = statuses[_dice.Next(statuses.Length)];
                return Error(status, "Server Error", $"Injected HTTP {status}.");
            }
        }

        return null;
    }

    private TimeSpan LatencyOfThisAnswer()
    {
        lock (_gate)
        {
            return _options.SlowRate > 0 && _dice.NextDouble() < _options.SlowRate ? _options.SlowLatency : _options.Latency;
        }
    }

    private async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > _options.MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static bool TryParseQuery(byte[] body, out PartyQuery query, out string problem)
    {
        query = default;
        problem = string.Empty;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            problem = "The body is not JSON.";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "The body must be a JSON object.";
                return false;
            }

            if (!root.TryGetProperty("query", out var q) || q.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(q.GetString()))
            {
                problem = "\"query\" (a TIN or OGRN) is required.";
                return false;
            }

            if (!TryOptionalString(root, "kpp", out var kpp) || !TryOptionalString(root, "branch_type", out var branchType) || !TryOptionalString(root, "type", out var type))
            {
                problem = "\"kpp\", \"branch_type\" and \"type\" must be strings.";
                return false;
            }

            if (branchType is not (null or "MAIN" or "BRANCH") || type is not (null or "LEGAL" or "INDIVIDUAL"))
            {
                problem = "\"branch_type\" is MAIN or BRANCH; \"type\" is LEGAL or INDIVIDUAL.";
                return false;
            }

            string[]? statuses = null;
            if (root.TryGetProperty("status", out var s) && s.ValueKind != JsonValueKind.Null)
            {
                if (s.ValueKind != JsonValueKind.Array || s.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                {
                    problem = "\"status\" must be an array of states.";
                    return false;
                }

                statuses = [.. s.EnumerateArray().Select(e => e.GetString()!)];
            }

            var count = DefaultCount;
            if (root.TryGetProperty("count", out var c) && c.ValueKind != JsonValueKind.Null)
            {
                if (!c.TryGetInt32(out count) || count < 1 || count > MaxCount)
                {
                    problem = $"\"count\" must be an integer from 1 to {MaxCount}.";
                    return false;
                }
            }

            query = new PartyQuery(q.GetString()!.Trim(), kpp, branchType, type, statuses, count);
            return true;
        }
    }

    private static bool TryOptionalString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return element.ValueKind == JsonValueKind.String;
    }

    private List<RegisterSandboxCompany> Find(PartyQuery query)
    {
        var units = query.Query.Length is 13 or 15 ? _byOgrn[query.Query] : _byInn[query.Query];
        return [.. units
            .Where(c => query.Kpp is null || string.Equals(c.Kpp, query.Kpp, StringComparison.Ordinal))
            .Where(c => query.BranchType is null || c.BranchType == query.BranchType)
            .Where(c => query.Type is null || c.Type == query.Type)
            .Where(c => query.Statuses is null || query.Statuses.Contains(c.Status, StringComparer.Ordinal))
            .OrderBy(c => c.BranchType == "MAIN" ? 0 : 1)
            .Take(query.Count)];
    }

    private static byte[] Suggestions(List<RegisterSandboxCompany> companies)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Writer))
        {
            json.WriteStartObject();
            json.WriteStartArray("suggestions");
            foreach (var c in companies)
            {
                json.WriteStartObject();
                json.WriteString("value", c.ResolvedShortWithOpf);
                json.WriteString("unrestricted_value", c.ResolvedShortWithOpf);
                json.WriteStartObject("data");
                json.WriteString("inn", c.Inn);
                WriteNullable(json, "kpp", c.Kpp);
                json.WriteString("ogrn", c.Ogrn);
                json.WriteString("type", c.Type);
                json.WriteString("branch_type", c.BranchType);
                json.WriteStartObject("name");
                json.WriteString("full_with_opf", c.ResolvedFullWithOpf);
                json.WriteString("short_with_opf", c.ResolvedShortWithOpf);
                json.WriteString("full", c.FullName);
                json.WriteString("short", c.ShortName ?? c.FullName);
                json.WriteEndObject();
                json.WriteStartObject("opf");
                WriteNullable(json, "short", c.OpfShort);
                WriteNullable(json, "full", c.OpfFull);
                json.WriteEndObject();
                json.WriteStartObject("state");
                json.WriteString("status", c.Status);
                WriteDate(json, "actuality_date", c.ActualityDate ?? c.RegistrationDate);
                WriteDate(json, "registration_date", c.RegistrationDate);
                WriteDate(json, "liquidation_date", c.LiquidationDate);
                json.WriteEndObject();
                json.WriteStartObject("address");
                WriteNullable(json, "value", c.Address);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteDate(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            json.WriteNumber(name, date.ToUnixTimeMilliseconds());
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static (int, TimeSpan, byte[]) Error(int status, string reason, string message)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Writer))
        {
            json.WriteStartObject();
            json.WriteString("family", status >= 500 ? "SERVER_ERROR" : "CLIENT_ERROR");
            json.WriteString("reason", reason);
            json.WriteString("message", message);
            json.WriteEndObject();
        }

        return (status, TimeSpan.Zero, stream.ToArray());
    }

    private async Task WriteStatsAsync(HttpContext context)
    {
        var stats = Stats;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body, Writer);
        json.WriteStartObject();
        json.WriteNumber("requests", stats.Requests);
        json.WriteStartObject("by_status");
        foreach (var (status, count) in stats.ByStatus.OrderBy(p => p.Key))
        {
            json.WriteNumber(status.ToString(CultureInfo.InvariantCulture), count);
        }

        json.WriteEndObject();
        json.WriteNumber("found", stats.Found);
        json.WriteNumber("not_found", stats.NotFound);
        json.WriteNumber("quota_used", stats.QuotaUsed);
        json.WriteNumber("daily_quota", stats.DailyQuota);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private readonly record struct PartyQuery(string Query, string? Kpp, string? BranchType, string? Type, string[]? Statuses, int Count);
}
