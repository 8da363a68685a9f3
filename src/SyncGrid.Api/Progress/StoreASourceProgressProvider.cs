using System.Globalization;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Progress;

namespace SyncGrid.Api.Progress;

/// <summary>
/// The progress of store A: asks the source's coordinator grain (<see cref="IStoreACoordinatorGrain.GetStatusAsync"/>,
/// which answers while a poll is in flight) and reports one row per table, <c>&lt;source&gt;:companies</c> and
/// <c>&lt;source&gt;:contacts</c>: the persisted watermark <c>(updated_at, id)</c> a restart resumes from, whether the
/// full extract is done, rows read and published (published rows are <see cref="SourceProgress.Processed"/>), the last
/// poll and the last error. The replica is not queried, so total and lag are not known. Works through any
/// <see cref="IGrainFactory"/>: in a silo or in an Orleans client.
/// </summary>
public sealed class StoreASourceProgressProvider(IGrainFactory grains, TimeProvider time, string source) : ISourceProgressProvider
{
    private const string Kind = "replica";
    private const string Unit = "rows";

    /// <summary>The store A source (the coordinator's key), for example <c>store-a</c>.</summary>
    public string Source { get; } = string.IsNullOrWhiteSpace(source) ? throw new ArgumentException("The store A source name is required.", nameof(source)) : source;

    /// <inheritdoc />
    public async Task<IReadOnlyList<SourceProgress>> GetProgressAsync(CancellationToken cancellationToken = default)
    {
        StoreAStatus status;
        try
        {
            status = await grains.GetGrain<IStoreACoordinatorGrain>(Source).GetStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [new SourceProgress(Source, Kind, null, null, null, null, Unit, $"The store A coordinator did not answer: {ex.Message}", time.GetUtcNow())];
        }

        var now = time.GetUtcNow();
        return [.. status.Tables.Select(t => Row(t, status.Running, now))];
    }

    private SourceProgress Row(StoreATableStatus table, bool running, DateTimeOffset now)
    {
        var watermark = table.WatermarkUpdatedAt is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"watermark updated_at={at:yyyy-MM-dd'T'HH:mm:ss.ffffff} id={table.WatermarkId}")
            : "no watermark yet (before the first row)";
        var extract = table.FullExtractDone ? "full extract done, delta polls" : "full extract in progress";
        var position = string.Create(CultureInfo.InvariantCulture,
            $"{watermark}; {extract}; {table.RowsRead} rows read, {table.RowsPublished} published{(running ? string.Empty : "; coordinator not polling")}");
        return new SourceProgress($"{Source}:{table.Table}", Kind, position, table.RowsPublished, null, null, Unit, table.LastError, table.LastPollAt ?? now);
    }
}
