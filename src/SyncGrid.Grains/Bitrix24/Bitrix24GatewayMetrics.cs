using System.Diagnostics.Metrics;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Bitrix24;

/// <summary>The gateway's instruments on the <c>SyncGrid</c> meter.</summary>
public sealed class Bitrix24GatewayMetrics
{
    /// <summary>The meter name every SyncGrid instrument uses.</summary>
    public const string MeterName = "SyncGrid";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _commands;
    private readonly UpDownCounter<long> _queued;

    public Bitrix24GatewayMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("syncgrid.bitrix24.requests", "{request}", "Batch requests sent to Bitrix24, by result.");
        _commands = meter.CreateCounter<long>("syncgrid.bitrix24.commands", "{command}", "Commands sent to Bitrix24, by outcome.");
        _queued = meter.CreateUpDownCounter<long>("syncgrid.bitrix24.queue", "{command}", "Commands waiting in the Bitrix24 gateway.");
    }

    public void Request(Bitrix24Outcome outcome) => _requests.Add(1, new KeyValuePair<string, object?>("result", outcome.ToString()));

    public void Command(Bitrix24Outcome outcome) => _commands.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));

    public void Queued(int commands) => _queued.Add(commands);
}
