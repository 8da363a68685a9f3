using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Bitrix24;

/// <summary>
/// The Bitrix24 REST client over an inbound webhook: POSTs form-encoded parameters (the same PHP bracket syntax a
/// <c>batch</c> command uses) or a JSON <c>batch</c>, and turns every answer — including lost ones — into outcomes.
/// Read-only calls that fail in transit are retried with exponential backoff and jitter (Polly); writes never are,
/// because their effect is unknown after a lost answer.
/// </summary>
public sealed partial class Bitrix24Client : IBitrix24Client
{
    private readonly HttpClient _http;
    private readonly ILogger<Bitrix24Client> _logger;
    private readonly ResiliencePipeline<Bitrix24Result> _reads;
    private readonly string _host;

    public Bitrix24Client(HttpClient http, IOptions<Bitrix24Options> options, TimeProvider time, ILogger<Bitrix24Client> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _http = http;
        _http.BaseAddress = new Uri(o.WebhookUrl.EndsWith('/') ? o.WebhookUrl : o.WebhookUrl + "/");
        _http.Timeout = o.RequestTimeout;
        _logger = logger;
        _host = o.PortalHost;
        _reads = new ResiliencePipelineBuilder<Bitrix24Result> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<Bitrix24Result>
            {
                MaxRetryAttempts = Math.Max(1, o.ReadRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldHandle = args => ValueTask.FromResult(o.ReadRetries > 0 && args.Outcome.Result?.Outcome is Bitrix24Outcome.Unknown or Bitrix24Outcome.RateLimited),
                OnRetry = args =>
                {
                    LogReadRetried(_logger, _host, args.AttemptNumber + 1, args.Outcome.Result?.Outcome);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <inheritdoc />
    public Task<Bitrix24Result> CallAsync(Bitrix24Command command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.IsRead
            ? _reads.ExecuteAsync(static async (state, ct) => await state.Self.SendAsync(state.Command, ct).ConfigureAwait(false), (Self: this, Command: command), cancellationToken).AsTask()
            : SendAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Bitrix24BatchResult> BatchAsync(IReadOnlyList<Bitrix24BatchEntry> entries, bool halt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count is 0 or > 50)
        {
            throw new ArgumentOutOfRangeException(nameof(entries), entries.Count, "A batch holds 1 to 50 commands.");
        }

        var body = new Dictionary<string, object> { ["halt"] = halt ? 1 : 0, ["cmd"] = entries.ToDictionary(e => e.Key, e => e.Entry, StringComparer.Ordinal) };
        var (status, text) = await PostAsync("batch", JsonContent.Create(body), cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return new Bitrix24BatchResult(Bitrix24ResponseReader.Lost($"batch: {status}"), new Dictionary<string, Bitrix24Result>());
        }

        var request = Bitrix24ResponseReader.Read(status, text);
        if (request.Outcome != Bitrix24Outcome.Ok)
        {
            LogFailed(_logger, _host, "batch", request.Outcome, request.ErrorCode);
            return new Bitrix24BatchResult(request, new Dictionary<string, Bitrix24Result>());
        }

        return new Bitrix24BatchResult(request, ReadCommands(request.ResultJson!));
    }

    private async Task<Bitrix24Result> SendAsync(Bitrix24Command command, CancellationToken cancellationToken)
    {
        using var content = new StringContent(command.Query, Encoding.UTF8, "application/x-www-form-urlencoded");
        var (status, text) = await PostAsync(command.Method, content, cancellationToken).ConfigureAwait(false);
        var result = text is null ? Bitrix24ResponseReader.Lost($"{command.Method}: {status}") : Bitrix24ResponseReader.Read(status, text);
        if (result.Outcome != Bitrix24Outcome.Ok)
        {
            LogFailed(_logger, _host, command.Method, result.Outcome, result.ErrorCode);
        }

        return result;
    }

    /// <summary>Posts; a transport failure or timeout yields a null body (the answer is lost).</summary>
    private async Task<(HttpStatusCode Status, string? Body)> PostAsync(string method, HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = content };
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (HttpRequestException e)
        {
            LogTransport(_logger, _host, method, e.HttpRequestError);
            return (0, null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTransport(_logger, _host, method, HttpRequestError.Unknown);
            return (HttpStatusCode.RequestTimeout, null);
        }
    }

    private static Dictionary<string, Bitrix24Result> ReadCommands(string resultJson)
    {
        var results = new Dictionary<string, Bitrix24Result>(StringComparer.Ordinal);
        using var json = JsonDocument.Parse(resultJson);
        var root = json.RootElement;
        var totals = root.TryGetProperty("result_total", out var t) ? t : default;
        var nexts = root.TryGetProperty("result_next", out var n) ? n : default;
        var times = root.TryGetProperty("result_time", out var tm) ? tm : default;
        if (root.TryGetProperty("result", out var ok))
        {
            foreach (var entry in Bitrix24Json.Entries(ok))
            {
                results[entry.Name] = Bitrix24ResponseReader.Success(entry.Value, Envelope(entry.Name, totals, nexts, times));
            }
        }

        if (root.TryGetProperty("result_error", out var errors))
        {
            foreach (var entry in Bitrix24Json.Entries(errors))
            {
                var code = entry.Value.TryGetProperty("error", out var e) ? Bitrix24ResponseReader.ErrorCode(e) : string.Empty;
                results[entry.Name] = Bitrix24ResponseReader.Error(code, Bitrix24Json.ReadString(entry.Value, "error_description"), HttpStatusCode.OK);
            }
        }

        return results;
    }

    /// <summary>Builds a one-command envelope (<c>total</c>, <c>next</c>, <c>time</c>) from the batch's per-key maps.</summary>
    private static JsonElement Envelope(string key, JsonElement totals, JsonElement nexts, JsonElement times)
    {
        var envelope = new Dictionary<string, JsonElement>();
        foreach (var (name, map) in new[] { ("total", totals), ("next", nexts), ("time", times) })
        {
            if (map.ValueKind == JsonValueKind.Object && map.TryGetProperty(key, out var value))
            {
                envelope[name] = value;
            }
        }

        return JsonSerializer.SerializeToElement(envelope);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Bitrix24 {Portal}: {Method} ended {Outcome} ({Code})")]
    private static partial void LogFailed(ILogger logger, string portal, string method, Bitrix24Outcome outcome, string? code);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Bitrix24 {Portal}: {Method} lost in transit ({Error}); its outcome is unknown")]
    private static partial void LogTransport(ILogger logger, string portal, string method, HttpRequestError error);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Bitrix24 {Portal}: read retried, attempt {Attempt} after {Outcome}")]
    private static partial void LogReadRetried(ILogger logger, string portal, int attempt, Bitrix24Outcome? outcome);
}
