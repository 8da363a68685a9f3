using System.Collections.Concurrent;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Tests.Bitrix24;

/// <summary>
/// A unit-test double of a portal behind <see cref="IBitrix24Client"/>: it enforces a leaky bucket (refusing with
/// RateLimited above the burst), records every batch, answers each command with its key, and can be told to refuse
/// a method with OPERATION_TIME_LIMIT or to lose answers. The faithful HTTP sandbox is tested elsewhere.
/// </summary>
internal sealed class FakePortal(int burst, double drainPerSecond, TimeProvider time) : IBitrix24Client
{
    private readonly Lock _gate = new();
    private double _level;
    private DateTimeOffset _at = time.GetUtcNow();

    public ConcurrentQueue<IReadOnlyList<Bitrix24BatchEntry>> Batches { get; } = new();

    public int Refusals;

    public string? OperatingBlockedMethod { get; set; }

    public bool LoseAnswers { get; set; }

    /// <summary>Refuse this many next batches with QUERY_LIMIT_EXCEEDED whatever the bucket says (a storm).</summary>
    public int ForcedRefusals;

    public Task<Bitrix24Result> CallAsync(Bitrix24Command command, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The gateway only sends batches.");

    public Task<Bitrix24BatchResult> BatchAsync(IReadOnlyList<Bitrix24BatchEntry> entries, bool halt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            _level = Math.Max(0, _level - (now - _at).TotalSeconds * drainPerSecond) + 1;
            _at = now;
            if (_level > burst || (Volatile.Read(ref ForcedRefusals) > 0 && Interlocked.Decrement(ref ForcedRefusals) >= 0))
            {
                Interlocked.Increment(ref Refusals);
                return Task.FromResult(new Bitrix24BatchResult(new Bitrix24Result { Outcome = Bitrix24Outcome.RateLimited, ErrorCode = "QUERY_LIMIT_EXCEEDED" }, new Dictionary<string, Bitrix24Result>()));
            }
        }

        Batches.Enqueue(entries);
        if (LoseAnswers)
        {
            return Task.FromResult(new Bitrix24BatchResult(new Bitrix24Result { Outcome = Bitrix24Outcome.Unknown, ErrorCode = "ANSWER_LOST" }, new Dictionary<string, Bitrix24Result>()));
        }

        var results = entries.ToDictionary(
            e => e.Key,
            e => OperatingBlockedMethod is { } blocked && e.Entry.StartsWith(blocked, StringComparison.Ordinal)
                ? new Bitrix24Result { Outcome = Bitrix24Outcome.OperatingLimited, ErrorCode = "OPERATION_TIME_LIMIT", OperatingResetAt = time.GetUtcNow().AddMinutes(5) }
                : new Bitrix24Result { Outcome = Bitrix24Outcome.Ok, ResultJson = $"\"{e.Key}|{e.Entry}\"" });
        return Task.FromResult(new Bitrix24BatchResult(new Bitrix24Result { Outcome = Bitrix24Outcome.Ok, ResultJson = "{}" }, results));
    }
}
