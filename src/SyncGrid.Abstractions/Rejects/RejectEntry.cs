using SyncGrid.Domain;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;

namespace SyncGrid.Abstractions.Rejects;

/// <summary>One rejected value: where it came from, what it was and why it was refused.</summary>
/// <param name="Store">The source system.</param>
/// <param name="SourceId">The record's id in that system.</param>
/// <param name="SourcePosition">Where the record was read: a Kafka offset, a replica watermark or a file position.</param>
/// <param name="Field">The field of the record (<c>inn</c>, <c>phone</c>, …).</param>
/// <param name="RawValue">The value as the source gave it; <see langword="null"/> when absent.</param>
/// <param name="ReasonCode">The stable problem code, for example <c>tin.checksum</c>.</param>
/// <param name="Message">A sentence a person can act on.</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.Abstractions.RejectEntry")]
public sealed record RejectEntry(
    [property: Id(0)] SourceStore Store,
    [property: Id(1)] string SourceId,
    [property: Id(2)] string? SourcePosition,
    [property: Id(3)] string Field,
    [property: Id(4)] string? RawValue,
    [property: Id(5)] string ReasonCode,
    [property: Id(6)] string Message)
{
    /// <summary>The problems of one normalised record as reject entries (none when it has no problems).</summary>
    public static IReadOnlyList<RejectEntry> FromNormalized<T>(Normalized<T> normalized, SourceStore store, string sourceId, string? sourcePosition)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return FromProblems(normalized.Problems, store, sourceId, sourcePosition);
    }

    /// <summary>Problems as reject entries of one source record.</summary>
    public static IReadOnlyList<RejectEntry> FromProblems(IEnumerable<Problem> problems, SourceStore store, string sourceId, string? sourcePosition)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return [.. problems.Select(p => new RejectEntry(store, sourceId, sourcePosition, p.Field, p.RawValue, p.Code, p.Message))];
    }
}
