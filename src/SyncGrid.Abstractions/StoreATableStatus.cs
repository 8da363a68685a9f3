namespace SyncGrid.Abstractions;

/// <summary>The extraction of one store A table.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.StoreATableStatus")]
public sealed record StoreATableStatus
{
    /// <summary>The table: <c>companies</c> or <c>contacts</c>.</summary>
    [Id(0)]
    public required string Table { get; init; }

    /// <summary>The watermark's <c>updated_at</c> as stored in the source (no time zone); <see langword="null"/> before the first row.</summary>
    [Id(1)]
    public DateTime? WatermarkUpdatedAt { get; init; }

    /// <summary>The watermark's row id.</summary>
    [Id(2)]
    public long WatermarkId { get; init; }

    /// <summary>Rows read from the replica, overlap re-reads included.</summary>
    [Id(3)]
    public long RowsRead { get; init; }

    /// <summary>Rows published to the ingest topic and acknowledged.</summary>
    [Id(4)]
    public long RowsPublished { get; init; }

    /// <summary>When the table was last polled to its end, if it has been since the coordinator's activation.</summary>
    [Id(5)]
    public DateTimeOffset? LastPollAt { get; init; }

    /// <summary>Why the last poll of the table failed, while it keeps failing.</summary>
    [Id(6)]
    public string? LastError { get; init; }

    /// <summary>Whether the full extract has reached the table's end once; polls are deltas from then on.</summary>
    [Id(7)]
    public bool FullExtractDone { get; init; }
}
