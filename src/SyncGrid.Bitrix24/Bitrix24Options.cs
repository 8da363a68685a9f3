using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Bitrix24;

/// <summary>The <c>Bitrix24</c> configuration section: one portal reached through an inbound webhook.</summary>
public sealed class Bitrix24Options
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Bitrix24";

    /// <summary>
    /// The inbound webhook URL, <c>https://{portal}/rest/{userId}/{code}/</c>. Required. It holds a secret: it is
    /// never logged, only its host is.
    /// </summary>
    [Required]
    [Url]
    public string WebhookUrl { get; set; } = string.Empty;

    /// <summary>The portal's leaky-bucket burst (X): 50 on ordinary paid plans, 250 on Enterprise. Default 50.</summary>
    [Range(1, 10_000)]
    public int BurstLimit { get; set; } = 50;

    /// <summary>The portal's leaky-bucket drain (Y, requests per second): 2 on ordinary paid plans, 5 on Enterprise. Default 2.</summary>
    [Range(0.01, 1_000)]
    public double DrainPerSecond { get; set; } = 2;

    /// <summary>Commands per <c>batch</c> request (the portal's maximum is 50). Default 50.</summary>
    [Range(1, 50)]
    public int BatchSize { get; set; } = 50;

    /// <summary>How long one request may take before its answer counts as lost. Default 30 s (the portal aborts at 60 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra attempts for a read-only call that failed in transit (writes are never retried). Default 3.</summary>
    [Range(0, 10)]
    public int ReadRetries { get; set; } = 3;

    /// <summary>The host of <see cref="WebhookUrl"/>, safe to log.</summary>
    public string PortalHost => Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) ? uri.Host : "(invalid webhook URL)";
}
