using System.Diagnostics.Metrics;
using SyncGrid.Grains.Bitrix24;

namespace SyncGrid.Grains;

/// <summary>
/// The company grains' instruments on the <c>SyncGrid</c> meter: merges (<c>syncgrid.merge.records</c>) and the register
/// verdict cache (<c>syncgrid.register.verdict.cache</c>).
/// </summary>
public sealed class GridMetrics
{
    /// <summary>
    /// Source records submitted to company grains, by entity (<c>company</c>, <c>contact</c>) and outcome (<c>applied</c>:
    /// the merge changed; <c>unchanged</c>: a repeat or an older version, nothing written).
    /// </summary>
    public const string MergesInstrument = "syncgrid.merge.records";

    /// <summary>
    /// What a company needed from the register after a merge, by result: <c>hit</c> (a still-valid verdict reused),
    /// <c>negative-hit</c> (a still-valid "not found" reused) or <c>miss</c> (a lookup is scheduled).
    /// </summary>
    public const string VerdictCacheInstrument = "syncgrid.register.verdict.cache";

    private readonly Counter<long> _merges;
    private readonly Counter<long> _verdictCache;

    public GridMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Bitrix24GatewayMetrics.MeterName);
        _merges = meter.CreateCounter<long>(MergesInstrument, "{record}", "Source records merged into company grains, by entity and outcome.");
        _verdictCache = meter.CreateCounter<long>(VerdictCacheInstrument, "{company}", "Register verdicts reused from a company's state (hit, negative-hit) or to be looked up (miss).");
    }

    /// <summary>Records of one submission: <paramref name="applied"/> changed the merge, <paramref name="unchanged"/> did not.</summary>
    public void Merged(string entity, int applied, int unchanged)
    {
        if (applied > 0)
        {
            _merges.Add(applied, new KeyValuePair<string, object?>("entity", entity), new KeyValuePair<string, object?>("outcome", "applied"));
        }

        if (unchanged > 0)
        {
            _merges.Add(unchanged, new KeyValuePair<string, object?>("entity", entity), new KeyValuePair<string, object?>("outcome", "unchanged"));
        }
    }

    /// <summary>One verdict decision: <c>hit</c>, <c>negative-hit</c> or <c>miss</c>.</summary>
    public void Verdict(string result) => _verdictCache.Add(1, new KeyValuePair<string, object?>("result", result));
}
