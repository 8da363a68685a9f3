using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Bitrix24;

/// <summary>
/// The gateway's instruments on the <c>SyncGrid</c> meter: <c>syncgrid.bitrix24.requests</c> {result},
/// <c>syncgrid.bitrix24.request.duration</c> {result}, <c>syncgrid.bitrix24.commands</c> {method, outcome},
/// <c>syncgrid.bitrix24.limit.errors</c> {kind, method} and the gauge <c>syncgrid.bitrix24.queue.depth</c> {portal}.
/// </summary>
public sealed class Bitrix24GatewayMetrics
{
    /// <summary>The meter name every SyncGrid instrument uses.</summary>
    public const string MeterName = "SyncGrid";

    /// <summary>Batch requests by result (<see cref="Bitrix24Outcome"/> of the request).</summary>
    public const string RequestsInstrument = "syncgrid.bitrix24.requests";

    /// <summary>How long a batch request took, in seconds, by result.</summary>
    public const string RequestDurationInstrument = "syncgrid.bitrix24.request.duration";

    /// <summary>Commands by Bitrix24 method and outcome.</summary>
    public const string CommandsInstrument = "syncgrid.bitrix24.commands";

    /// <summary>
    /// Limit errors by kind — <c>query-limit</c> (a batch refused with QUERY_LIMIT_EXCEEDED: nothing ran) or
    /// <c>operating</c> (OPERATION_TIME_LIMIT, for a whole batch or one method) — and method (<c>batch</c> when the whole
    /// batch was refused). The goal is 0.
    /// </summary>
    public const string LimitErrorsInstrument = "syncgrid.bitrix24.limit.errors";

    /// <summary>Commands waiting in a portal's gateway on this silo (a gauge).</summary>
    public const string QueueDepthInstrument = "syncgrid.bitrix24.queue.depth";

    private static readonly double[] DurationBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _commands;
    private readonly Counter<long> _limitErrors;
    private readonly ConcurrentDictionary<QueueDepth, byte> _queues = new();

    public Bitrix24GatewayMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>(RequestsInstrument, "{request}", "Batch requests sent to Bitrix24, by result.");
        _duration = meter.CreateHistogram(RequestDurationInstrument, "s", "How long Bitrix24 batch requests took, by result.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _commands = meter.CreateCounter<long>(CommandsInstrument, "{command}", "Commands sent to Bitrix24, by method and outcome.");
        _limitErrors = meter.CreateCounter<long>(LimitErrorsInstrument, "{error}", "Bitrix24 limit errors (QUERY_LIMIT_EXCEEDED, OPERATION_TIME_LIMIT), by kind and method.");
        meter.CreateObservableGauge(QueueDepthInstrument, ObserveQueues, "{command}", "Commands waiting in the Bitrix24 gateway of a portal on this silo.");
    }

    /// <summary>One batch request and how long it took.</summary>
    public void Request(Bitrix24Outcome outcome, TimeSpan duration)
    {
        var result = new KeyValuePair<string, object?>("result", outcome.ToString());
        _requests.Add(1, result);
        _duration.Record(duration.TotalSeconds, result);
        if (outcome is Bitrix24Outcome.RateLimited or Bitrix24Outcome.OperatingLimited)
        {
            LimitError(outcome, "batch");
        }
    }

    /// <summary>One command's outcome; an operating-time refusal of the method is also a limit error.</summary>
    public void Command(string method, Bitrix24Outcome outcome)
    {
        _commands.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        if (outcome is Bitrix24Outcome.RateLimited or Bitrix24Outcome.OperatingLimited)
        {
            LimitError(outcome, method);
        }
    }

    /// <summary>Starts reporting the queue depth of a gateway activation; dispose it when the activation ends.</summary>
    public QueueDepth TrackQueue(string portal)
    {
        var depth = new QueueDepth(portal, this);
        _queues[depth] = 0;
        return depth;
    }

    private void LimitError(Bitrix24Outcome outcome, string method) =>
        _limitErrors.Add(1, new KeyValuePair<string, object?>("kind", outcome == Bitrix24Outcome.RateLimited ? "query-limit" : "operating"), new KeyValuePair<string, object?>("method", method));

    private IEnumerable<Measurement<long>> ObserveQueues() =>
        _queues.Keys.GroupBy(q => q.Portal, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(g.Sum(q => q.Value), new KeyValuePair<string, object?>("portal", g.Key)));

    /// <summary>The number of commands waiting in one gateway activation, read by the gauge from any thread.</summary>
    public sealed class QueueDepth : IDisposable
    {
        private readonly Bitrix24GatewayMetrics _owner;
        private long _value;

        internal QueueDepth(string portal, Bitrix24GatewayMetrics owner)
        {
            Portal = portal;
            _owner = owner;
        }

        /// <summary>The portal (gateway key).</summary>
        public string Portal { get; }

        /// <summary>Commands waiting now.</summary>
        public long Value => Interlocked.Read(ref _value);

        /// <summary>Adds (or, negative, removes) waiting commands.</summary>
        public void Add(int commands) => Interlocked.Add(ref _value, commands);

        /// <inheritdoc />
        public void Dispose() => _owner._queues.TryRemove(this, out _);
    }
}
