namespace SyncGrid.Abstractions.Progress;

/// <summary>The progress of one part of a source, for example one Kafka partition.</summary>
/// <param name="Part">The part's name (<c>0</c> for partition 0).</param>
/// <param name="Position">Where reading would resume (the committed offset); <see langword="null"/> before any.</param>
/// <param name="End">The end of the part now (the high watermark); <see langword="null"/> when not known.</param>
/// <param name="Lag">Units still to read; <see langword="null"/> when not known.</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.Abstractions.SourceProgressPart")]
public sealed record SourceProgressPart([property: Id(0)] string Part, [property: Id(1)] long? Position, [property: Id(2)] long? End, [property: Id(3)] long? Lag);
