using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>One emulated portal: limits, fault knobs, the method table, batch and the envelopes. HTTP-agnostic.</summary>
internal sealed class Bitrix24Portal
{
    private const string WebhookKey = "webhook";
    private const string BatchKey = "batch";
    private const int MaxBatchCommands = 50;
    private readonly Bitrix24SandboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Func<JsonObject, MethodResult>> _methods;
    private long _queryLimitErrors;
    private long _operatingLimitErrors;

    public Bitrix24Portal(Bitrix24SandboxOptions options, string webhookCode, PortalState? state, ILogger logger)
    {
        _options = options;
        _time = options.TimeProvider;
        _logger = logger;
        WebhookCode = webhookCode;
        Store = new CrmStore(_time, options.TimeZoneOffset, state) { UserId = options.WebhookUserId };
        Faults = new Bitrix24Faults(_time, options.RandomSeed);
        options.ConfigureFaults?.Invoke(Faults);
        Bucket = new LeakyBucket(_time, options.EffectiveBurst, options.EffectiveDrain, options.RejectedRequestsCount);
        Operating = new OperatingLimiter(_time, options.OperatingLimitSeconds, options.OperatingTimeScale);
        _methods = Bitrix24Methods.Build(Store);
        Events = new OutgoingEvents(_time, logger, options.AdvertisedHost, webhookCode, options.RandomSeed);
        Events.AddMethods(_methods);
    }

    public OutgoingEvents Events { get; }

    public string WebhookCode { get; }

    public Bitrix24SandboxOptions Options => _options;

    public CrmStore Store { get; }

    public Bitrix24Faults Faults { get; }

    public LeakyBucket Bucket { get; }

    public OperatingLimiter Operating { get; }

    public ConcurrentDictionary<string, long> RequestsByMethod { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<int, long> RequestsByStatus { get; } = new();

    public ConcurrentDictionary<string, long> BatchCommandsByMethod { get; } = new(StringComparer.Ordinal);

    public long QueryLimitErrors => Interlocked.Read(ref _queryLimitErrors);

    public long OperatingLimitErrors => Interlocked.Read(ref _operatingLimitErrors);

    public void ResetStatistics()
    {
        RequestsByMethod.Clear();
        RequestsByStatus.Clear();
        BatchCommandsByMethod.Clear();
        Interlocked.Exchange(ref _queryLimitErrors, 0);
        Interlocked.Exchange(ref _operatingLimitErrors, 0);
        Operating.Clear();
    }

    /// <summary>One HTTP call to <c>/rest/{userId}/{code}/{method}</c>; <paramref name="method"/> is null for a malformed path.</summary>
    public async Task<RestReply> HandleAsync(string? userId, string? code, string? method, JsonObject parameters, string clientAddress, CancellationToken cancellationToken)
    {
        var reply = await DispatchAsync(userId, code, method?.ToLowerInvariant(), parameters, clientAddress, cancellationToken).ConfigureAwait(false);
        RequestsByMethod.AddOrUpdate(method?.ToLowerInvariant() ?? "(none)", 1, (_, n) => n + 1);
        RequestsByStatus.AddOrUpdate(reply.Status, 1, (_, n) => n + 1);
        return reply;
    }

    private async Task<RestReply> DispatchAsync(string? userId, string? code, string? method, JsonObject parameters, string clientAddress, CancellationToken cancellationToken)
    {
        if (method is null)
        {
            return RestReply.Error(404, "ERROR_METHOD_NOT_FOUND", "Method not found!");
        }

        if (Faults.InStorm() || !Bucket.TryAcquire(clientAddress))
        {
            Interlocked.Increment(ref _queryLimitErrors);
            Bitrix24SandboxLog.Refused(_logger, method, "QUERY_LIMIT_EXCEEDED");
            return RestReply.Error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
        }

        if (Faults.OverloadBlock)
        {
            return RestReply.Error(503, "OVERLOAD_LIMIT", "REST API is blocked due to overload.");
        }

        if (userId is null || code is null)
        {
            return RestReply.Error(401, "NO_AUTH_FOUND", "Wrong authorization data");
        }

        if (Faults.WebhookRevoked || userId != CrmStore.Invariant(_options.WebhookUserId) || !string.Equals(code, WebhookCode, StringComparison.Ordinal))
        {
            Bitrix24SandboxLog.Refused(_logger, method, "INVALID_CREDENTIALS");
            return RestReply.Error(401, "INVALID_CREDENTIALS", "Invalid request credentials");
        }

        if (method != Bitrix24Methods.Batch && !_methods.ContainsKey(method))
        {
            return RestReply.Error(404, "ERROR_METHOD_NOT_FOUND", "Method not found!");
        }

        if (Faults.Roll(Faults.ErrorRate5xx))
        {
            Bitrix24SandboxLog.Injected(_logger, method, "5xx");
            return Faults.ErrorBody switch
            {
                Bitrix24ErrorBody.Html502 => RestReply.HtmlPage(502),
                Bitrix24ErrorBody.Html504 => RestReply.HtmlPage(504),
                Bitrix24ErrorBody.JsonUnexpectedAnswer => RestReply.Error(500, "ERROR_UNEXPECTED_ANSWER", "Server returned an unexpected response."),
                _ => RestReply.Error(500, "INTERNAL_SERVER_ERROR", "Internal server error"),
            };
        }

        if (Faults.FailBeforeCommit(method))
        {
            Bitrix24SandboxLog.Injected(_logger, method, "fail_before_commit");
            return RestReply.Error(500, "INTERNAL_SERVER_ERROR", "Internal server error");
        }

        var started = _time.GetUtcNow();
        RestReply reply;
        var executed = new List<string>();
        if (method == Bitrix24Methods.Batch)
        {
            reply = await RunBatchAsync(parameters, started, executed, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var outcome = await RunMethodAsync(WebhookKey, method, parameters, cancellationToken).ConfigureAwait(false);
            executed.Add(method);
            if (outcome.Error is not null)
            {
                reply = outcome.Error;
            }
            else
            {
                Operating.Charge(WebhookKey, method, outcome.Processing);
                reply = new RestReply(200, Envelope(outcome.Result!, Timing(started, outcome.Processing, WebhookKey, method)));
            }
        }

        return AfterCommit(method, executed, reply);
    }

    private RestReply AfterCommit(string method, List<string> executed, RestReply reply)
    {
        foreach (var name in executed.Prepend(method).Distinct(StringComparer.Ordinal))
        {
            if (Faults.FailAfterCommit(name) is { } mode)
            {
                Bitrix24SandboxLog.Injected(_logger, name, "fail_after_commit");
                return mode switch
                {
                    Bitrix24CommitFailure.Drop => new RestReply(0, null, Drop: true),
                    Bitrix24CommitFailure.Timeout => RestReply.HtmlPage(504) with { HoldFor = _options.RequestTimeout },
                    _ => RestReply.Error(500, "INTERNAL_SERVER_ERROR", "Internal server error"),
                };
            }
        }

        return reply;
    }

    private async Task<MethodOutcome> RunMethodAsync(string key, string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        if (Faults.OperatingBlocked(method) || (_options.OperatingLimiterEnabled && Operating.IsBlocked(key, method)))
        {
            Interlocked.Increment(ref _operatingLimitErrors);
            Bitrix24SandboxLog.Refused(_logger, method, "OPERATION_TIME_LIMIT");
            return new MethodOutcome(null, 0, RestReply.Error(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit."));
        }

        var latency = Faults.Latency(method);
        var before = _time.GetTimestamp();
        if (_options.WaitForLatency && latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, _time, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            MethodResult result;
            lock (Store.Gate)
            {
                result = _methods[method](parameters);
            }

            var processing = Math.Max(latency.TotalSeconds, _time.GetElapsedTime(before).TotalSeconds);
            Events.Observe(method, parameters, result.Result);
            return new MethodOutcome(result, processing, null);
        }
        catch (Bitrix24RestException error)
        {
            return new MethodOutcome(null, latency.TotalSeconds, RestReply.Error(error.Status, error.Code, error.Message));
        }
    }

    private async Task<RestReply> RunBatchAsync(JsonObject parameters, DateTimeOffset started, List<string> executed, CancellationToken cancellationToken)
    {
        // batch upper-cases its own keys, so cmd and halt are matched case-insensitively.
        var halt = JsonArgs.Truthy(parameters.FirstOrDefault(p => string.Equals(p.Key, "halt", StringComparison.OrdinalIgnoreCase)).Value);
        var commands = parameters.FirstOrDefault(p => string.Equals(p.Key, "cmd", StringComparison.OrdinalIgnoreCase)).Value;
        var maps = new Dictionary<string, JsonObject>(StringComparer.Ordinal)
        {
            ["result"] = [], ["error"] = [], ["total"] = [], ["next"] = [], ["time"] = [],
        };
        var charges = new Dictionary<string, double>(StringComparer.Ordinal);
        var entries = commands switch
        {
            JsonObject obj => obj.Select(p => (p.Key, p.Value)).ToList(),
            JsonArray array => array.Select((v, i) => (CrmStore.Invariant(i), v)).ToList(),
            _ => [],
        };
        var count = 0;
        foreach (var (key, node) in entries)
        {
            if (!JsonArgs.IsString(node))
            {
                continue;
            }

            count++;
            var error = count > MaxBatchCommands
                ? RestReply.Error(200, "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded")
                : await RunBatchCommandAsync(key, node!.GetValue<string>(), maps, charges, executed, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                maps["error"][key] = error.Json!.DeepClone();
                if (halt)
                {
                    break;
                }
            }
        }

        foreach (var (method, seconds) in charges)
        {
            Operating.Charge(BatchKey, method, seconds);
        }

        var processing = _time.GetUtcNow() - started;
        var result = new JsonObject
        {
            ["result"] = JsonArgs.PhpMap(maps["result"]),
            ["result_error"] = JsonArgs.PhpMap(maps["error"]),
            ["result_total"] = JsonArgs.PhpMap(maps["total"]),
            ["result_next"] = JsonArgs.PhpMap(maps["next"]),
            ["result_time"] = JsonArgs.PhpMap(maps["time"]),
        };
        return new RestReply(200, Envelope(new MethodResult(result), Timing(started, Math.Max(charges.Values.Sum(), processing.TotalSeconds), null, Bitrix24Methods.Batch)));
    }

    private async Task<RestReply?> RunBatchCommandAsync(string key, string command, Dictionary<string, JsonObject> maps, Dictionary<string, double> charges, List<string> executed, CancellationToken cancellationToken)
    {
        var question = command.IndexOf('?', StringComparison.Ordinal);
        var method = (question < 0 ? command : command[..question]).Trim().ToLowerInvariant();
        if (method.EndsWith(".json", StringComparison.Ordinal))
        {
            method = method[..^5];
        }

        var parameters = PhpQuery.Parse(question < 0 ? null : command[(question + 1)..]);
        BatchReferences.Substitute(parameters, maps);
        BatchCommandsByMethod.AddOrUpdate(method, 1, (_, n) => n + 1);
        if (method == Bitrix24Methods.Batch)
        {
            return RestReply.Error(200, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage");
        }

        if (!_methods.ContainsKey(method))
        {
            return RestReply.Error(200, "ERROR_METHOD_NOT_FOUND", "Method not found!");
        }

        var started = _time.GetUtcNow();
        var outcome = await RunMethodAsync(BatchKey, method, parameters, cancellationToken).ConfigureAwait(false);
        executed.Add(method);
        charges[method] = charges.GetValueOrDefault(method) + outcome.Processing;
        if (outcome.Error is not null)
        {
            return outcome.Error;
        }

        maps["result"][key] = outcome.Result!.Result?.DeepClone();
        if (outcome.Result.Total is { } total)
        {
            maps["total"][key] = total;
        }

        if (outcome.Result.Next is { } next)
        {
            maps["next"][key] = next;
        }

        var timing = Timing(started, outcome.Processing, BatchKey, method);
        if (timing["operating"] is not null)
        {
            timing["operating"] = Math.Round(Operating.Report(BatchKey, method).Operating + charges[method], 4);
        }

        maps["time"][key] = timing;
        return null;
    }

    private static JsonObject Envelope(MethodResult result, JsonObject time)
    {
        var body = new JsonObject { ["result"] = result.Result?.DeepClone() };
        if (result.Total is { } total)
        {
            body["total"] = total;
        }

        if (result.Next is { } next)
        {
            body["next"] = next;
        }

        body["time"] = time;
        return body;
    }

    private JsonObject Timing(DateTimeOffset started, double processing, string? key, string method)
    {
        var finished = started + TimeSpan.FromSeconds(processing);
        var time = new JsonObject
        {
            ["start"] = Math.Round(started.ToUnixTimeMilliseconds() / 1000.0, 3),
            ["finish"] = Math.Round(finished.ToUnixTimeMilliseconds() / 1000.0, 3),
            ["duration"] = Math.Round(processing, 4),
            ["processing"] = Math.Round(processing, 4),
            ["date_start"] = Store.FormatDate(started),
            ["date_finish"] = Store.FormatDate(finished),
        };
        if (_options.OperatingLimiterEnabled)
        {
            var (operating, resetAt) = key is null ? (0, null) : Operating.Report(key, method);
            time["operating"] = Math.Round(operating, 4);
            if (resetAt is { } reset)
            {
                time["operating_reset_at"] = reset.ToUnixTimeSeconds();
            }
        }

        return time;
    }

    private sealed record MethodOutcome(MethodResult? Result, double Processing, RestReply? Error);
}
