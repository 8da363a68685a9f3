using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Sources.StoreA;

/// <summary>
/// The <c>Sources:StoreA</c> section: how store A's replica is read and where its rows are published. Store A is read
/// only when <see cref="ConnectionString"/> is set.
/// </summary>
public sealed class StoreAOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Sources:StoreA";

    /// <summary>The default ingest topic.</summary>
    public const string DefaultTopic = "syncgrid.store-a";

    /// <summary>
    /// The read replica's MySqlConnector connection string, with the database (<c>store_a</c>) and a read-only user.
    /// Required to enable store A. A secret: never logged.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Rows per keyset page (one query, one publish, one watermark write). Capped by <see cref="RowsPerSecond"/>. Default 1000.</summary>
    [Range(1, 100_000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>The most rows read from the replica in any one second, over both tables. Default 5000.</summary>
    [Range(1, 1_000_000)]
    public int RowsPerSecond { get; set; } = 5000;

    /// <summary>How long the coordinator waits between delta polls once caught up. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far behind the watermark every delta poll starts reading again, for rows that a lagging replica or a long
    /// transaction commits with an older <c>updated_at</c>. Default 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan OverlapWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The Kafka topic the rows are published to and the ingest grains read: <c>syncgrid.store-a</c>, or that name
    /// with a suffix (<c>syncgrid.store-a.staging</c>). The topic must exist. Default <c>syncgrid.store-a</c>.
    /// </summary>
    [Required]
    [RegularExpression(@"^syncgrid\.store-a(\.[A-Za-z0-9_-]+)*$", ErrorMessage = "The topic must be 'syncgrid.store-a' or start with 'syncgrid.store-a.' (the store A ingest grains subscribe to those names).")]
    public string Topic { get; set; } = DefaultTopic;

    /// <summary>
    /// The time zone of the source's <c>DATETIME</c> values (an IANA id such as <c>Europe/Moscow</c>), so store A's
    /// change times compare correctly with other sources'. Default <c>UTC</c>.
    /// </summary>
    [Required]
    [StoreATimeZone]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The time zone named by <see cref="TimeZone"/>.</summary>
    public TimeZoneInfo SourceTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
