using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Register;

/// <summary>Settings of the register client (configuration section <c>Register</c>).</summary>
public sealed class RegisterOptions
{
    /// <summary>
    /// Base address of the register API, without the <c>/suggestions/...</c> path, for example
    /// <c>https://suggestions.dadata.ru</c> or the sandbox's <c>http://127.0.0.1:5080</c>. Required.
    /// </summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>The API key, sent as <c>Authorization: Token {key}</c>. Required. A secret: never logged, never in <see cref="ToString"/>.</summary>
    [Required]
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Most requests started per second, retries included, across every caller in the process. Default 20 (the register allows 30).</summary>
    [Range(0.1, 1000)]
    public double RequestsPerSecond { get; set; } = 20;

    /// <summary>Time allowed for one attempt (one HTTP request). Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, only for 429, 5xx and timeouts. Default 3.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base delay of the exponential backoff (with jitter) between retries. Default 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Most lookups waiting for their turn at the pacer; more are answered Unavailable at once. Default 10,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxQueuedRequests { get; set; } = 10_000;

    /// <inheritdoc />
    public override string ToString() =>
        $"Register {{ BaseUrl = {BaseUrl}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}, RequestsPerSecond = {RequestsPerSecond}, Timeout = {Timeout}, MaxRetryAttempts = {MaxRetryAttempts}, RetryBaseDelay = {RetryBaseDelay} }}";
}
