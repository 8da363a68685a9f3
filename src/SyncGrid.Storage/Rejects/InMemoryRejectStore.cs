using SyncGrid.Abstractions.Rejects;

namespace SyncGrid.Storage.Rejects;

/// <summary>The rejects store of the embedded default (no database): process memory, same idempotency as MariaDB.</summary>
public sealed class InMemoryRejectStore(TimeProvider time) : IRejectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<RejectKey, (RejectRow Row, long Sequence)> _rows = [];
    private long _sequence;

    /// <inheritdoc />
    public Task RecordAsync(IReadOnlyList<RejectEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            foreach (var (entry, count) in RejectKey.Fold(entries))
            {
                var key = RejectKey.Of(entry);
                _rows[key] = _rows.TryGetValue(key, out var existing)
                    ? (existing.Row with { Entry = entry, LastSeen = now > existing.Row.LastSeen ? now : existing.Row.LastSeen, Count = existing.Row.Count + count }, existing.Sequence)
                    : (new RejectRow(entry, now, now, count), ++_sequence);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RejectRow>> QueryAsync(RejectQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<RejectRow>>(
                [.. Matching(query).OrderByDescending(r => r.Row.LastSeen).ThenByDescending(r => r.Sequence).Skip(Math.Max(query.Offset, 0)).Take(query.EffectiveLimit).Select(r => r.Row)]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> CountByReasonAsync(RejectQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, long>>(
                Matching(query).GroupBy(r => r.Row.Entry.ReasonCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.LongCount(), StringComparer.Ordinal));
        }
    }

    private IEnumerable<(RejectRow Row, long Sequence)> Matching(RejectQuery query) =>
        _rows.Values.Where(r =>
            (query.Store is null || r.Row.Entry.Store == query.Store)
            && (query.ReasonPrefix is null || r.Row.Entry.ReasonCode.StartsWith(query.ReasonPrefix, StringComparison.Ordinal))
            && (query.SourceId is null || string.Equals(r.Row.Entry.SourceId, query.SourceId, StringComparison.Ordinal)));
}
