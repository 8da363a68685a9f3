namespace SyncGrid.Abstractions.Progress;

/// <summary>
/// Tells how far one kind of source has been read: a Kafka consumer group's offsets, a replica's watermark, an export
/// file's checkpoint. Register implementations as singletons
/// (<c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;ISourceProgressProvider, MyProvider&gt;())</c>); the API's
/// <c>GET /api/v1/sources</c> asks every registered provider and lists all their rows.
/// </summary>
/// <remarks>
/// Contract: answer from what is durable (the position a restart would resume from), not from in-flight work; return
/// one <see cref="SourceProgress"/> per source the provider knows (none when it knows none); report a source that cannot
/// be read as a row with <see cref="SourceProgress.LastError"/> rather than by throwing; finish within a few seconds and
/// honour the cancellation token (the API gives up on a provider after 10 s and reports that instead).
/// Providers run where the API runs (in a silo or in an Orleans client), so they read databases, Kafka or grains, never
/// silo-local memory.
/// </remarks>
public interface ISourceProgressProvider
{
    /// <summary>The progress of every source this provider knows.</summary>
    Task<IReadOnlyList<SourceProgress>> GetProgressAsync(CancellationToken cancellationToken = default);
}
