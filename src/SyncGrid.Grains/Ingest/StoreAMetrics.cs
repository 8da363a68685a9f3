using System.Diagnostics.Metrics;
using SyncGrid.Grains.Bitrix24;

namespace SyncGrid.Grains.Ingest;

/// <summary>Store A's instruments on the <c>SyncGrid</c> meter.</summary>
public sealed class StoreAMetrics
{
    private readonly Counter<long> _ingested;
    private readonly Counter<long> _rows;

    public StoreAMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Bitrix24GatewayMetrics.MeterName);
        _ingested = meter.CreateCounter<long>("syncgrid.ingest.records", "{record}", "Source records handled by the ingest grains, by source and outcome.");
        _rows = meter.CreateCounter<long>("syncgrid.source.rows", "{row}", "Rows read from a source replica and published to the ingest topic, by source, table and stage.");
    }

    /// <summary>One record handled: <c>applied</c>, <c>unchanged</c>, <c>refused</c>, <c>stale</c> or <c>malformed</c>.</summary>
    public void Ingested(string outcome) => _ingested.Add(1, new("source", "store-a"), new("outcome", outcome));

    /// <summary>Rows read (<c>read</c>) or acknowledged by the topic (<c>published</c>).</summary>
    public void Rows(string table, string stage, int count) => _rows.Add(count, new("source", "store-a"), new("table", table), new("stage", stage));
}
