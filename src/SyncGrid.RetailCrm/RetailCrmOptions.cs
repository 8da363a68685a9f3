using System.ComponentModel.DataAnnotations;

namespace SyncGrid.RetailCrm;

/// <summary>The <c>RetailCrm</c> configuration section: one account reached with one API key.</summary>
public sealed class RetailCrmOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "RetailCrm";

    /// <summary>The account URL, e.g. <c>https://shop.retailcrm.ru</c> (the client appends <c>/api/v5/…</c>). Required.</summary>
    [Required(ErrorMessage = "RetailCrm:BaseUrl is required: the account URL, for example https://shop.retailcrm.ru.")]
    [Url(ErrorMessage = "RetailCrm:BaseUrl must be an absolute URL.")]
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>
    /// The API key, sent as <c>X-API-KEY</c>. Required. Use a key of SyncGrid's own: the history marks its writes with
    /// <c>apiKey.current=true</c>, which is how SyncGrid recognises (and skips) them. A secret: never logged.
    /// </summary>
    [Required(ErrorMessage = "RetailCrm:ApiKey is required (environment variable RetailCrm__ApiKey).")]
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Requests started per second by this process, retries included. Default 8 (the account allows 10).</summary>
    [Range(0.1, 100)]
    public double RequestsPerSecond { get; set; } = 8;

    /// <summary>How long one request may take before its answer counts as lost. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra attempts of a read after 503/429, a 5xx or a transport failure, and of an edit after 503/429 only (nothing ran). Default 4.</summary>
    [Range(0, 10)]
    public int ReadRetries { get; set; } = 4;

    /// <summary>First backoff delay of a read retry; it doubles, with jitter, up to 5 s. Default 200 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The account's time zone: its dates carry no offset. Default +03:00 (Moscow).</summary>
    public TimeSpan TimeZoneOffset { get; set; } = TimeSpan.FromHours(3);

    /// <summary>The host of <see cref="BaseUrl"/>, safe to log.</summary>
    public string Host => Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) ? uri.Host : "(invalid URL)";

    /// <inheritdoc />
    public override string ToString() => $"RetailCrm {{ BaseUrl = {BaseUrl}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}, RequestsPerSecond = {RequestsPerSecond} }}";
}
