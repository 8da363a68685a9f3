using System.Diagnostics.Metrics;
using SyncGrid.Grains.Bitrix24;

namespace SyncGrid.Grains.Ingest;

/// <summary>Store A's instruments on the <c>SyncGrid</c> meter: <c>syncgrid.source.rows</c>; its records in go to <see cref="IngestMetrics"/>.</summary>
public sealed class StoreAMetrics
{
    /// <summary>Rows read from a source replica and published to the ingest topic, by source, table and stage.</summary>
    public const string RowsInstrument = "syncgrid.source.rows";

    private readonly Counter<long> _rows;

    public StoreAMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Bitrix24GatewayMetrics.MeterName);
        _rows = meter.CreateCounter<long>(RowsInstrument, "{row}", "Rows read from a source replica and published to the ingest topic, by source, table and stage.");
    }

    /// <summary>Rows read (<c>read</c>) or acknowledged by the topic (<c>published</c>).</summary>
    public void Rows(string table, string stage, int count) => _rows.Add(count, new("source", IngestMetrics.StoreA), new("table", table), new("stage", stage));
}
