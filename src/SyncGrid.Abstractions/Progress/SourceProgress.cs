namespace SyncGrid.Abstractions.Progress;

/// <summary>How far one source has been read.</summary>
/// <param name="Source">The source's name, unique across providers: <c>kafka:sapcrm.partners</c>, <c>store-a:main</c>, <c>export:partners-2026-11.json.gz</c>.</param>
/// <param name="Kind">The kind of source: <c>kafka</c>, <c>replica</c>, <c>export-file</c>.</param>
/// <param name="Position">Where reading would resume, as text: offsets, a watermark (<c>updated_at=… id=…</c>), a checkpoint; <see langword="null"/> before any.</param>
/// <param name="Processed">How many units are behind the position (durably handled); <see langword="null"/> when not known.</param>
/// <param name="Total">How many units the source holds now (Kafka: the high watermarks; a file: its size); <see langword="null"/> when not known.</param>
/// <param name="Lag">How many units are still to read; <see langword="null"/> when not known.</param>
/// <param name="Unit">What <paramref name="Processed"/>, <paramref name="Total"/> and <paramref name="Lag"/> count: <c>messages</c>, <c>rows</c>, <c>bytes</c>, <c>records</c>.</param>
/// <param name="LastError">The last error reading the source (or its progress); <see langword="null"/> when none.</param>
/// <param name="UpdatedAt">When the position last moved, or when it was read when the source does not say.</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.Abstractions.SourceProgress")]
public sealed record SourceProgress(
    [property: Id(0)] string Source,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Position,
    [property: Id(3)] long? Processed,
    [property: Id(4)] long? Total,
    [property: Id(5)] long? Lag,
    [property: Id(6)] string Unit,
    [property: Id(7)] string? LastError,
    [property: Id(8)] DateTimeOffset? UpdatedAt)
{
    /// <summary>Optional detail, one entry per part of the source (a Kafka partition, a file of a directory); empty when the source has one part.</summary>
    [Id(9)]
    public IReadOnlyList<SourceProgressPart> Parts { get; init; } = [];
}
