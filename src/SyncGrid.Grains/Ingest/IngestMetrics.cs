using System.Diagnostics.Metrics;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Domain.Records;
using SyncGrid.Grains.Bitrix24;

namespace SyncGrid.Grains.Ingest;

/// <summary>
/// The ingest grains' instruments on the <c>SyncGrid</c> meter: records in per source, rejects by reason code, and the
/// records the local TIN checks kept away from the register.
/// </summary>
public sealed class IngestMetrics
{
    /// <summary>Source records handled by the ingest grains, by source (<see cref="StoreA"/>, <see cref="StoreBEvents"/>, <see cref="StoreBExports"/>) and outcome.</summary>
    public const string RecordsInstrument = "syncgrid.ingest.records";

    /// <summary>Rejected values recorded in the rejects store, by store and reason code.</summary>
    public const string RejectsInstrument = "syncgrid.rejects.records";

    /// <summary>Company records whose TIN failed the local checks, so no register lookup was made, by source and reason code.</summary>
    public const string PrefilterSkipsInstrument = "syncgrid.register.prefilter.skips";

    /// <summary>The <c>source</c> tag of store A's rows.</summary>
    public const string StoreA = "store-a";

    /// <summary>The <c>source</c> tag of store B's SAP change events.</summary>
    public const string StoreBEvents = "store-b-events";

    /// <summary>The <c>source</c> tag of store B's export files (through the export importer).</summary>
    public const string StoreBExports = "store-b-exports";

    private readonly Counter<long> _records;
    private readonly Counter<long> _rejects;
    private readonly Counter<long> _prefilterSkips;

    public IngestMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Bitrix24GatewayMetrics.MeterName);
        _records = meter.CreateCounter<long>(RecordsInstrument, "{record}", "Source records handled by the ingest grains, by source and outcome.");
        _rejects = meter.CreateCounter<long>(RejectsInstrument, "{value}", "Rejected values recorded in the rejects store, by store and reason code.");
        _prefilterSkips = meter.CreateCounter<long>(PrefilterSkipsInstrument, "{record}", "Company records refused by the local TIN checks before any register lookup, by source and reason code.");
    }

    /// <summary>
    /// One record handled: <c>applied</c> (it changed a company), <c>unchanged</c> (a repeat or older version),
    /// <c>refused</c> (no valid TIN: only rejects), <c>stale</c> (older than a version already routed) or <c>malformed</c>.
    /// </summary>
    public void Ingested(string source, string outcome) =>
        _records.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Rejected values just recorded in the rejects store.</summary>
    public void Rejected(IReadOnlyList<RejectEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            _rejects.Add(1, new KeyValuePair<string, object?>("store", entry.Store.ToCode()), new KeyValuePair<string, object?>("reason", entry.ReasonCode));
        }
    }

    /// <summary>A company record refused for its TIN (<paramref name="reason"/>, for example <c>tin.checksum</c>) before the register.</summary>
    public void Prefiltered(string source, string reason) =>
        _prefilterSkips.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("reason", reason));
}
