using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Bitrix24;

/// <summary>
/// The <c>Bitrix24</c> configuration section as the client reads it: one portal reached through an inbound webhook.
/// The portal's limits in the same section (<c>BurstLimit</c>, <c>DrainPerSecond</c>, <c>BatchSize</c>) belong to the
/// gateway, which paces every request.
/// </summary>
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

    /// <summary>How long one request may take before its answer counts as lost. Default 30 s (the portal aborts at 60 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra attempts for a read-only call that failed in transit (writes are never retried). Default 3.</summary>
    [Range(0, 10)]
    public int ReadRetries { get; set; } = 3;

    /// <summary>The host of <see cref="WebhookUrl"/>, safe to log.</summary>
    public string PortalHost => Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) ? uri.Host : "(invalid webhook URL)";
}
