using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Bitrix24;

/// <summary>
/// The single gateway of a portal. Reentrant: callers' groups queue while batches are in flight. A pump paces
/// requests with <see cref="LeakyBucketPacer"/>, fills each batch with whole groups (never splitting one), holds back
/// groups whose method is blocked by its operating-time limit, re-queues everything of a batch the portal refused
/// before running it, and hands every other outcome — lost answers included — back to the callers, who know whether
/// their command was a write that must be looked up before it is repeated.
/// </summary>
// Its queue and pacer live in memory: Orleans' activation rebalancer and repartitioner must not move it (it still moves on failure).
[Reentrant]
[Immovable]
public sealed partial class Bitrix24GatewayGrain(
    IBitrix24Client client,
    IOptions<Bitrix24GatewayOptions> options,
    Bitrix24GatewayMetrics metrics,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<Bitrix24GatewayGrain> logger) : Grain, IBitrix24GatewayGrain
{
    private readonly Bitrix24GatewayOptions _options = options.Value;
    private readonly LinkedList<Pending> _queue = new();
    private readonly Dictionary<string, DateTimeOffset> _blocked = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<Task> _inFlight = [];
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _filled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LeakyBucketPacer _pacer = null!;
    private DateTimeOffset _backoffUntil;
    private int _refusalsInARow;
    private long _sequence;
    private bool _stopping;
    private Task? _pump;
    private DateTimeOffset? _firstRequestAt;
    private Bitrix24GatewayStats _stats = new();
    private Bitrix24GatewayMetrics.QueueDepth? _depth;
    private CancellationTokenRegistration _siloStopping;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _pacer = new LeakyBucketPacer(_options.BurstLimit, _options.DrainPerSecond, time.GetUtcNow());
        _depth = metrics.TrackQueue(this.GetPrimaryKeyString());

        // A silo that is going away (stopped, or killed while its threads still run) sends nothing more: callers whose
        // groups were queued here are told so, and re-send them through the gateway's next activation after looking up
        // what they may have added. A group sent from here later would race those look-ups and duplicate entities.
        _siloStopping = lifetime.ApplicationStopping.Register(() =>
        {
            _wake.TrySetResult();
            _filled.TrySetResult();
        });
        _pump = PumpAsync();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stopping = true;
        _wake.TrySetResult();
        if (_pump is not null)
        {
            await _pump;
        }

        FailQueued($"was deactivated ({reason.Description})");
        await _siloStopping.DisposeAsync();
        _depth?.Dispose();
    }

    /// <inheritdoc />
    public Task<ValueList<Bitrix24Result>> ExecuteAsync(ValueList<Bitrix24Command> group, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The Bitrix24 gateway '{this.GetPrimaryKeyString()}' is on a silo that is stopping; the group did not run.");
        }

        if (group.Count == 0 || group.Count > _options.BatchSize)
        {
            throw new ArgumentException($"A command group holds 1 to {_options.BatchSize} commands; this one has {group.Count}.", nameof(group));
        }

        var pending = new Pending(group, new TaskCompletionSource<ValueList<Bitrix24Result>>(TaskCreationOptions.RunContinuationsAsynchronously), time.GetUtcNow());
        _queue.AddLast(pending);
        _depth?.Add(group.Count);
        _wake.TrySetResult();
        if (_queue.Sum(p => p.Group.Count) >= _options.BatchSize)
        {
            _filled.TrySetResult();
        }

        return pending.Completion.Task;
    }

    /// <inheritdoc />
    public Task<Bitrix24GatewayStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var seconds = _firstRequestAt is { } first ? Math.Max(0.001, (time.GetUtcNow() - first).TotalSeconds) : 0;
        var now = time.GetUtcNow();
        return Task.FromResult(_stats with
        {
            QueueDepth = _queue.Sum(p => p.Group.Count),
            RequestsPerSecond = seconds == 0 ? 0 : _stats.Requests / seconds,
            CommandsPerSecond = seconds == 0 ? 0 : _stats.Commands / seconds,
            BlockedMethods = _blocked.Count(b => b.Value > now),
        });
    }

    private async Task PumpAsync()
    {
        while (!_stopping)
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                FailQueued("is on a silo that is stopping");
                return;
            }

            if (_queue.Count == 0 || _inFlight.Count >= _options.MaxInFlight)
            {
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await _wake.Task;
                continue;
            }

            var now = time.GetUtcNow();
            var wait = _pacer.DelayBeforeNext(now);
            if (_backoffUntil > now && _backoffUntil - now > wait)
            {
                wait = _backoffUntil - now;
            }

            // A request costs the same whatever it holds: give a batch that is not full a moment to fill.
            var queued = _queue.Sum(p => p.Group.Count);
            var lingered = now - _queue.First!.Value.EnqueuedAt;
            if (wait <= TimeSpan.Zero && queued < _options.BatchSize && lingered < _options.Linger)
            {
                wait = _options.Linger - lingered;
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.WhenAny(Task.Delay(wait, time), Filled());
                continue;
            }

            var groups = TakeGroups(now, out var nextUnblock);
            if (groups.Count == 0)
            {
                await Task.Delay(nextUnblock > now ? nextUnblock - now : TimeSpan.FromMilliseconds(50), time);
                continue;
            }

            _pacer.OnSent(now);
            _firstRequestAt ??= now;
            var request = SendAsync(groups);
            _inFlight.Add(request);
            _ = request.ContinueWith(
                t =>
                {
                    _inFlight.Remove(t);
                    _wake.TrySetResult();
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Current);
        }
    }

    /// <summary>Fails every queued group (none of them was sent) and empties the queue.</summary>
    private void FailQueued(string why)
    {
        foreach (var pending in _queue)
        {
            pending.Completion.TrySetException(new InvalidOperationException($"The Bitrix24 gateway '{this.GetPrimaryKeyString()}' {why}; the group did not run."));
            _depth?.Add(-pending.Group.Count);
        }

        _queue.Clear();
    }

    /// <summary>Completes when a full batch is queued (so a lingering pump need not wait out its linger).</summary>
    private Task Filled()
    {
        if (_filled.Task.IsCompleted)
        {
            _filled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return _filled.Task;
    }

    private List<Pending> TakeGroups(DateTimeOffset now, out DateTimeOffset nextUnblock)
    {
        nextUnblock = DateTimeOffset.MaxValue;
        var taken = new List<Pending>();
        var commands = 0;
        for (var node = _queue.First; node is not null;)
        {
            var next = node.Next;
            var group = node.Value;
            var blockedUntil = group.Group.Items.Select(c => _blocked.TryGetValue(c.Method, out var until) ? until : DateTimeOffset.MinValue).Max();
            if (blockedUntil > now)
            {
                nextUnblock = blockedUntil < nextUnblock ? blockedUntil : nextUnblock;
            }
            else if (commands + group.Group.Count <= _options.BatchSize)
            {
                taken.Add(group);
                commands += group.Group.Count;
                _queue.Remove(node);
            }
            else
            {
                break;
            }

            node = next;
        }

        return taken;
    }

    private async Task SendAsync(List<Pending> groups)
    {
        var batch = ++_sequence;
        var entries = new List<Bitrix24BatchEntry>();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            for (var c = 0; c < group.Group.Count; c++)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"b{batch}g{g}c");
                entries.Add(new Bitrix24BatchEntry(prefix + c.ToString(CultureInfo.InvariantCulture), Bitrix24Ref.Resolve(group.Group[c].ToBatchEntry(), i => prefix + i.ToString(CultureInfo.InvariantCulture))));
            }
        }

        _depth?.Add(-entries.Count);
        Bitrix24BatchResult result;
        var started = time.GetTimestamp();
        try
        {
            result = await client.BatchAsync(entries, halt: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            result = new Bitrix24BatchResult(new Bitrix24Result { Outcome = Bitrix24Outcome.Unknown, ErrorCode = "CLIENT_ERROR", ErrorDescription = e.Message }, new Dictionary<string, Bitrix24Result>());
        }

        var now = time.GetUtcNow();
        metrics.Request(result.Request.Outcome, time.GetElapsedTime(started));
        _stats = _stats with { Requests = _stats.Requests + 1 };
        if (result.Request.Outcome is Bitrix24Outcome.RateLimited or Bitrix24Outcome.OperatingLimited)
        {
            // Nothing ran: put the groups back at the front, in order, and back off.
            _pacer.OnRefused(now);
            _refusalsInARow++;
            _backoffUntil = now + TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, _refusalsInARow - 1)) * (0.75 + (Random.Shared.NextDouble() / 2)));
            _stats = _stats with { RateLimitErrors = _stats.RateLimitErrors + 1 };
            for (var g = groups.Count - 1; g >= 0; g--)
            {
                _queue.AddFirst(groups[g]);
            }

            _depth?.Add(entries.Count);
            LogRefused(logger, this.GetPrimaryKeyString(), result.Request.Outcome, _refusalsInARow);
            return;
        }

        _refusalsInARow = 0;
        if (result.Request.Outcome == Bitrix24Outcome.Unknown)
        {
            _stats = _stats with { LostAnswers = _stats.LostAnswers + 1 };
        }
        else if (result.Request.Outcome == Bitrix24Outcome.Fatal)
        {
            LogFatal(logger, this.GetPrimaryKeyString(), result.Request.ErrorCode);
        }

        var index = 0;
        foreach (var group in groups)
        {
            var results = new List<Bitrix24Result>(group.Group.Count);
            foreach (var command in group.Group)
            {
                var r = result.For(entries[index++].Key);
                metrics.Command(command.Method, r.Outcome);
                if (r.Outcome == Bitrix24Outcome.OperatingLimited)
                {
                    _blocked[command.Method] = r.OperatingResetAt is { } reset && reset > now ? reset : now + _options.OperatingBlockFallback;
                    _stats = _stats with { OperatingLimitErrors = _stats.OperatingLimitErrors + 1 };
                    LogBlocked(logger, this.GetPrimaryKeyString(), command.Method, _blocked[command.Method]);
                }

                results.Add(r);
            }

            _stats = _stats with { Commands = _stats.Commands + group.Group.Count };
            group.Completion.TrySetResult(new ValueList<Bitrix24Result>(results));
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Bitrix24 gateway {Portal}: the portal refused a batch ({Outcome}), {Times} in a row; backing off")]
    private static partial void LogRefused(ILogger logger, string portal, Bitrix24Outcome outcome, int times);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Bitrix24 gateway {Portal}: {Method} is held back until {Until} (operating-time limit)")]
    private static partial void LogBlocked(ILogger logger, string portal, string method, DateTimeOffset until);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Bitrix24 gateway {Portal}: the portal refused the webhook ({Code}); fix the Bitrix24 configuration")]
    private static partial void LogFatal(ILogger logger, string portal, string? code);

    private sealed record Pending(ValueList<Bitrix24Command> Group, TaskCompletionSource<ValueList<Bitrix24Result>> Completion, DateTimeOffset EnqueuedAt);
}
