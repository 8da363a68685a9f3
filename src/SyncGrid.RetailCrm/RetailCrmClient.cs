using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using SyncGrid.Domain.RetailCrm;

namespace SyncGrid.RetailCrm;

/// <summary>
/// The RetailCRM client: <c>X-API-KEY</c> on every call, PHP-bracket query strings for GETs, form-encoded POSTs whose
/// entity is one JSON-string field (§1.4), every attempt paced by <see cref="RetailCrmPacer"/>. Answers are classified
/// by status first, then body (§7 pitfall 9): 503/429 rate limit, HTML for a wrong account URL, <c>errorMsg</c>
/// constants, <c>errors</c> as object or list. Reads are retried with exponential backoff and jitter (Polly);
/// an edit only after a rate-limit refusal (nothing ran), never after a lost answer.
/// </summary>
public sealed class RetailCrmClient : IRetailCrmClient
{
    private const string Prefix = "api/v5/";
    private readonly HttpClient _http;
    private readonly RetailCrmPacer _pacer;
    private readonly ILogger<RetailCrmClient> _logger;
    private readonly RetailCrmJsonReader _reader;
    private readonly string _host;
    private readonly ResiliencePipeline _reads;

    public RetailCrmClient(HttpClient http, RetailCrmPacer pacer, IOptions<RetailCrmOptions> options, TimeProvider time, ILogger<RetailCrmClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _http = http;
        _http.BaseAddress = new Uri(o.BaseUrl.TrimEnd('/') + "/");
        _http.Timeout = o.Timeout;
        _http.DefaultRequestHeaders.Remove("X-API-KEY");
        _http.DefaultRequestHeaders.Add("X-API-KEY", o.ApiKey);
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _pacer = pacer;
        _logger = logger;
        _reader = new RetailCrmJsonReader(o.TimeZoneOffset);
        _host = o.Host;
        _reads = o.ReadRetries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = time }
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = o.ReadRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = o.RetryBaseDelay,
                    MaxDelay = TimeSpan.FromSeconds(5),
                    ShouldHandle = new PredicateBuilder().Handle<TransientException>(),
                    OnRetry = args =>
                    {
                        RetailCrmLog.Retried(_logger, _host, (args.Outcome.Exception as TransientException)?.Route ?? "?", args.AttemptNumber + 1, (args.Outcome.Exception as TransientException)?.Outcome);
                        return ValueTask.CompletedTask;
                    },
                })
                .Build();
    }

    /// <inheritdoc />
    public async Task<RetailCrmResult<RetailCrmCredentials>> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        var answer = await ReadAsync("credentials", "api/credentials", cancellationToken).ConfigureAwait(false);
        return Map(answer, root => new RetailCrmCredentials(
            [.. Strings(root, "scopes")],
            RetailCrmJsonReader.Text(root, "siteAccess") ?? string.Empty,
            [.. Strings(root, "sitesAvailable")]));
    }

    /// <inheritdoc />
    public async Task<RetailCrmResult<RetailCrmHistoryPage>> GetOrderHistoryAsync(long sinceId, int limit = 100, CancellationToken cancellationToken = default)
    {
        ValidateLimit(limit);
        var query = $"filter[sinceId]={Number(sinceId)}&limit={Number(limit)}&page=1";
        var answer = await ReadAsync("orders/history", Prefix + "orders/history?" + query, cancellationToken).ConfigureAwait(false);
        return Map(answer, root =>
        {
            var records = root.TryGetProperty("history", out var h) && h.ValueKind == JsonValueKind.Array
                ? h.EnumerateArray().Select(_reader.History).OrderBy(r => r.Id).ToList()
                : [];
            var pagination = root.TryGetProperty("pagination", out var p) ? p : default;
            return new RetailCrmHistoryPage(
                records,
                pagination.ValueKind == JsonValueKind.Object ? RetailCrmJsonReader.Long(pagination, "totalCount") ?? records.Count : records.Count,
                pagination.ValueKind == JsonValueKind.Object ? (int)(RetailCrmJsonReader.Long(pagination, "totalPageCount") ?? 1) : 1);
        });
    }

    /// <inheritdoc />
    public async Task<RetailCrmResult<IReadOnlyList<RetailCrmOrder>>> GetOrdersAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var orders = new List<RetailCrmOrder>();
        foreach (var chunk in ids.Distinct().Chunk(100))
        {
            var query = string.Join('&', chunk.Select(id => "filter[ids][]=" + Number(id))) + "&limit=100&page=1";
            var answer = await ReadAsync("orders", Prefix + "orders?" + query, cancellationToken).ConfigureAwait(false);
            var page = Map<IReadOnlyList<RetailCrmOrder>>(answer, root => Orders(root));
            if (!page.IsOk)
            {
                return page;
            }

            orders.AddRange(page.Value!);
        }

        return new RetailCrmResult<IReadOnlyList<RetailCrmOrder>> { Outcome = RetailCrmOutcome.Ok, Value = orders, Status = 200 };
    }

    /// <inheritdoc />
    public async Task<RetailCrmResult<RetailCrmOrder>> GetOrderAsync(long id, CancellationToken cancellationToken = default)
    {
        var answer = await ReadAsync("orders/{id}", $"{Prefix}orders/{Number(id)}?by=id", cancellationToken).ConfigureAwait(false);
        return Map(answer, root => _reader.Order(root.GetProperty("order")));
    }

    /// <inheritdoc />
    public async Task<RetailCrmResult<RetailCrmOrder>> EditOrderAsync(long id, string site, RetailCrmOrderEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var order = new Dictionary<string, string>(StringComparer.Ordinal);
        if (edit.Status is not null)
        {
            order["status"] = edit.Status;
        }

        if (edit.StatusComment is not null)
        {
            order["statusComment"] = edit.StatusComment;
        }

        if (edit.ManagerComment is not null)
        {
            order["managerComment"] = edit.ManagerComment;
        }

        // Only the fields that change, never items (§2.3): one form field holding compact JSON, UTF-8 (§7 pitfall 7).
        var form = new Dictionary<string, string>
        {
            ["by"] = "id",
            ["site"] = site,
            ["order"] = JsonSerializer.Serialize(order),
        };
        var answer = await RunAsync("orders/{id}/edit", HttpMethod.Post, $"{Prefix}orders/{Number(id)}/edit", form, retryOn: RetailCrmOutcome.RateLimited, cancellationToken).ConfigureAwait(false);
        return Map(answer, root => _reader.Order(root.GetProperty("order")));
    }

    /// <inheritdoc />
    public async Task<RetailCrmResult<IReadOnlyList<RetailCrmStatus>>> GetStatusesAsync(CancellationToken cancellationToken = default)
    {
        var answer = await ReadAsync("reference/statuses", Prefix + "reference/statuses", cancellationToken).ConfigureAwait(false);
        return Map<IReadOnlyList<RetailCrmStatus>>(answer, root => [.. RetailCrmJsonReader.Elements(root, "statuses").Select(RetailCrmJsonReader.Status)]);
    }

    private List<RetailCrmOrder> Orders(JsonElement root) =>
        root.TryGetProperty("orders", out var o) && o.ValueKind == JsonValueKind.Array ? [.. o.EnumerateArray().Select(_reader.Order)] : [];

    private static void ValidateLimit(int limit)
    {
        if (limit is not (20 or 50 or 100))
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "RetailCRM accepts a limit of 20, 50 or 100 only.");
        }
    }

    private Task<Answer> ReadAsync(string route, string pathAndQuery, CancellationToken cancellationToken) =>
        RunAsync(route, HttpMethod.Get, pathAndQuery, null, retryOn: RetailCrmOutcome.Unavailable, cancellationToken);

    /// <summary>
    /// Sends with the retry pipeline: a read is repeated after a rate-limit refusal or a lost answer; an edit only after
    /// a rate-limit refusal, which means nothing ran (never after a lost answer, whose effect is unknown).
    /// </summary>
    private async Task<Answer> RunAsync(string route, HttpMethod method, string pathAndQuery, Dictionary<string, string>? form, RetailCrmOutcome retryOn, CancellationToken cancellationToken)
    {
        Answer last = default;
        try
        {
            await _reads.ExecuteAsync(
                async ct =>
                {
                    last = await SendAsync(route, method, pathAndQuery, form, ct).ConfigureAwait(false);
                    if (last.Outcome == RetailCrmOutcome.RateLimited || last.Outcome == retryOn)
                    {
                        throw new TransientException(route, last.Outcome);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TransientException)
        {
            // The retries are used up: the last answer stands.
        }

        return last;
    }

    private async Task<Answer> SendAsync(string route, HttpMethod method, string pathAndQuery, Dictionary<string, string>? form, CancellationToken cancellationToken)
    {
        await _pacer.WaitTurnAsync(cancellationToken).ConfigureAwait(false);

        Answer answer;
        try
        {
            using var request = new HttpRequestMessage(method, pathAndQuery);
            if (form is not null)
            {
                request.Content = new FormUrlEncodedContent(form);
            }

            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            answer = Classify((int)response.StatusCode, body);
        }
        catch (HttpRequestException e)
        {
            answer = new Answer(RetailCrmOutcome.Unavailable, 0, null, $"The account could not be reached ({e.HttpRequestError}).", null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            answer = new Answer(RetailCrmOutcome.Unavailable, 0, null, "The account did not answer in time.", null);
        }

        if (answer.Outcome is not (RetailCrmOutcome.Ok or RetailCrmOutcome.NotFound))
        {
            RetailCrmLog.Failed(_logger, _host, route, answer.Outcome, answer.Status, answer.Error);
        }

        return answer;
    }

    /// <summary>Status first, then body: the rate limit is 503 (or 429) whatever the body; HTML means a wrong URL or a proxy.</summary>
    internal static Answer Classify(int status, string body)
    {
        var trimmed = body.TrimStart();
        if (status is 503 or 429)
        {
            return new Answer(RetailCrmOutcome.RateLimited, status, null, "The account's rate limit was exceeded.", null);
        }

        if (trimmed.StartsWith('<'))
        {
            return status is >= 400 and < 500
                ? new Answer(RetailCrmOutcome.Fatal, status, null, "Account does not exist: the base URL answers with an HTML page; check RetailCrm:BaseUrl.", null)
                : new Answer(RetailCrmOutcome.Unavailable, status, null, $"HTTP {status} with an HTML page instead of JSON.", null);
        }

        if (status >= 500 || status == 0)
        {
            return new Answer(RetailCrmOutcome.Unavailable, status, null, $"HTTP {status}.", null);
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body.Length == 0 ? "null" : body);
        }
        catch (JsonException)
        {
            return new Answer(RetailCrmOutcome.Unavailable, status, null, $"HTTP {status} with a body that is not JSON (cut short?).", null);
        }

        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            json.Dispose();
            return new Answer(RetailCrmOutcome.Unavailable, status, null, $"HTTP {status} without a JSON object.", null);
        }

        var success = root.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.True;
        if (success && status is 200 or 201)
        {
            return new Answer(RetailCrmOutcome.Ok, status, json, null, null);
        }

        var message = RetailCrmJsonReader.Text(root, "errorMsg") ?? $"HTTP {status}";
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("errors", out var errors))
        {
            if (errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var e in errors.EnumerateObject())
                {
                    fields[e.Name] = e.Value.ValueKind == JsonValueKind.String ? e.Value.GetString()! : e.Value.GetRawText();
                }
            }
            else if (errors.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var e in errors.EnumerateArray())
                {
                    fields[(i++).ToString(CultureInfo.InvariantCulture)] = e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
                }
            }
        }

        json.Dispose();
        var outcome = status switch
        {
            401 or 403 => RetailCrmOutcome.Fatal,
            404 when message == "Method not found" => RetailCrmOutcome.Fatal,
            404 => RetailCrmOutcome.NotFound,
            405 => RetailCrmOutcome.Fatal,
            _ => RetailCrmOutcome.Rejected,
        };
        return new Answer(outcome, status, null, message, fields);
    }

    private static RetailCrmResult<T> Map<T>(Answer answer, Func<JsonElement, T> read)
    {
        if (answer.Outcome != RetailCrmOutcome.Ok)
        {
            return new RetailCrmResult<T>
            {
                Outcome = answer.Outcome,
                Status = answer.Status,
                Error = answer.Error,
                Fields = answer.Fields ?? new Dictionary<string, string>(),
            };
        }

        using var json = answer.Json!;
        try
        {
            return new RetailCrmResult<T> { Outcome = RetailCrmOutcome.Ok, Value = read(json.RootElement), Status = answer.Status };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new RetailCrmResult<T> { Outcome = RetailCrmOutcome.Unavailable, Status = answer.Status, Error = $"The answer is not the expected shape: {e.Message}" };
        }
    }

    private static IEnumerable<string> Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)
            : [];

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal readonly record struct Answer(RetailCrmOutcome Outcome, int Status, JsonDocument? Json, string? Error, Dictionary<string, string>? Fields);

    private sealed class TransientException(string route, RetailCrmOutcome outcome) : Exception($"{route}: {outcome}")
    {
        public string Route { get; } = route;

        public RetailCrmOutcome Outcome { get; } = outcome;
    }
}
