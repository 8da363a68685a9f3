using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Domain;
using SyncGrid.Domain.RetailCrm;

namespace SyncGrid.Grains.Orders;

/// <summary>
/// The order intake of one RetailCRM account. Each poll reads the history from the last processed id in batches
/// (by <c>sinceId</c> only, page 1), groups a batch's records by order, skips SyncGrid's own writes, re-reads the
/// orders the batch names (100 per request), hands each to its order grain (durable when it answers), and only then
/// persists the batch's last id. A failing order is retried with the batch; after
/// <see cref="OrdersOptions.MaxHandOverAttempts"/> polls the intake moves past it with an incident, so one bad order
/// never stops the account. A grain timer polls every <see cref="OrdersOptions.PollInterval"/>; a reminder brings the
/// intake back after a restart.
/// </summary>
public sealed partial class OrderIntakeGrain(
    [PersistentState("order-intake", GrainStorageNames.Grid)] IPersistentState<OrderIntakeState> state,
    IServiceProvider services,
    IOptions<OrdersOptions> options,
    TimeProvider time,
    ILogger<OrderIntakeGrain> logger) : Grain, IOrderIntakeGrain, IRemindable
{
    private const string PollReminder = "order-intake";
    private readonly OrdersOptions _options = options.Value;
    private IGrainTimer? _timer;
    private bool _polling;

    private IOrderLog? Log => services.GetService<IOrderLog>();

    private string Account { get; set; } = string.Empty;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Account = this.GetPrimaryKeyString();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _timer ??= this.RegisterGrainTimer(static (grain, ct) => grain.TickAsync(ct), this, new GrainTimerCreationOptions(TimeSpan.Zero, _options.PollInterval) { KeepAlive = true });
        if (await this.GetReminder(PollReminder, cancellationToken) is null)
        {
            await this.RegisterOrUpdateReminder(PollReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status) => StartAsync();

    /// <inheritdoc />
    public Task<long> PollNowAsync(CancellationToken cancellationToken = default) => PollAsync(cancellationToken);

    /// <inheritdoc />
    public Task<OrderIntakeSnapshot> GetStateAsync(CancellationToken cancellationToken = default)
    {
        var s = state.State;
        return Task.FromResult(new OrderIntakeSnapshot
        {
            LastHistoryId = s.LastHistoryId,
            RecordsRead = s.RecordsRead,
            OwnWritesSkipped = s.OwnWritesSkipped,
            OrdersHandedOver = s.OrdersHandedOver,
            LastPollAt = s.LastPollAt,
            LastError = s.LastError,
            Batches = s.Batches,
        });
    }

    /// <inheritdoc />
    public async Task RewindAsync(long historyId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(historyId);
        state.State.LastHistoryId = Math.Min(state.State.LastHistoryId, historyId);
        await state.WriteStateAsync(cancellationToken);
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PollAsync(cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            LogPollFailed(logger, Account, e.Message);
        }
    }

    private async Task<long> PollAsync(CancellationToken cancellationToken)
    {
        if (_polling)
        {
            return 0;
        }

        var client = services.GetService<IRetailCrmClient>()
            ?? throw new InvalidOperationException("The order intake needs a RetailCRM client: configure the RetailCrm section.");
        _polling = true;
        long read = 0;
        try
        {
            while (true)
            {
                var s = state.State;
                var events = new OrderEvents(time, null);
                var started = OrderEvents.Start();
                var page = await client.GetOrderHistoryAsync(s.LastHistoryId, _options.HistoryBatchSize, cancellationToken);
                s.LastPollAt = time.GetUtcNow();
                if (!page.IsOk)
                {
                    events.In("retailcrm", "history.batch", OrderGrain.ResultOf(page.Outcome), $"retailcrm:history:>{s.LastHistoryId.ToString(CultureInfo.InvariantCulture)}", page.ToString(), started);
                    await FailAsync($"The order history could not be read: {page}", events, cancellationToken);
                    return read;
                }

                var records = page.Value!.Records;
                if (records.Count == 0)
                {
                    await ResolveAsync(cancellationToken);
                    return read;
                }

                var first = records[0].Id;
                var last = records[^1].Id;
                var payload = $"retailcrm:history:{first.ToString(CultureInfo.InvariantCulture)}-{last.ToString(CultureInfo.InvariantCulture)}";
                var handed = await HandOverAsync(client, records, payload, events, cancellationToken);
                if (handed is null)
                {
                    events.In("retailcrm", "history.batch", "failed", payload, s.LastError, started);
                    await events.FlushAsync(Log, cancellationToken);
                    await state.WriteStateAsync(cancellationToken);
                    return read;
                }

                var own = records.Count(r => r.IsOwnWrite);
                s.LastHistoryId = last;
                s.RecordsRead += records.Count;
                s.OwnWritesSkipped += own;
                s.OrdersHandedOver += handed.Value;
                s.Batches++;
                s.LastError = null;
                read += records.Count;
                events.In("retailcrm", "history.batch", "ok", payload,
                    $"{records.Count.ToString(CultureInfo.InvariantCulture)} records, {handed.Value.ToString(CultureInfo.InvariantCulture)} orders handed over, {own.ToString(CultureInfo.InvariantCulture)} own writes skipped", started);
                await state.WriteStateAsync(cancellationToken);
                await events.FlushAsync(Log, cancellationToken);
                LogBatch(logger, Account, records.Count, handed.Value, last);
            }
        }
        finally
        {
            _polling = false;
        }
    }

    /// <summary>Re-reads the batch's orders and hands each to its grain; null when the batch must be read again.</summary>
    private async Task<int?> HandOverAsync(IRetailCrmClient client, IReadOnlyList<RetailCrmHistoryRecord> records, string payload, OrderEvents events, CancellationToken cancellationToken)
    {
        var s = state.State;
        var byOrder = records.Where(r => r.OrderId > 0).GroupBy(r => r.OrderId)
            .Select(g => (OrderId: g.Key, Records: g.ToList()))
            // An order whose records in this batch are all SyncGrid's own writes has nothing new for SyncGrid.
            .Where(g => g.Records.Exists(r => !r.IsOwnWrite))
            .ToList();
        if (byOrder.Count == 0)
        {
            return 0;
        }

        var deleted = byOrder.Where(g => g.Records.Exists(r => r.Deleted)).Select(g => g.OrderId).ToHashSet();
        var started = OrderEvents.Start();
        var fetched = await client.GetOrdersAsync([.. byOrder.Select(g => g.OrderId).Where(id => !deleted.Contains(id))], cancellationToken);
        events.In("retailcrm", "order.fetch", OrderGrain.ResultOf(fetched.Outcome), payload, fetched.IsOk ? null : fetched.ToString(), started);
        if (!fetched.IsOk)
        {
            s.LastError = $"The orders of history {payload} could not be read: {fetched}";
            await FailAsync(s.LastError, events, cancellationToken);
            return null;
        }

        var orders = fetched.Value!.ToDictionary(o => o.Id);
        var handOvers = byOrder
            .Where(g => deleted.Contains(g.OrderId) || orders.ContainsKey(g.OrderId))
            .Select(async g =>
            {
                var change = new OrderChange
                {
                    HistoryId = g.Records.Max(r => r.Id),
                    Order = deleted.Contains(g.OrderId) ? null : orders[g.OrderId],
                    Fields = new ValueList<string>(g.Records.Where(r => !r.IsOwnWrite).Select(r => r.Field).Distinct()),
                    PayloadRef = payload,
                };
                try
                {
                    await GrainFactory.GetGrain<IOrderGrain>(g.OrderId).ApplyAsync(change, cancellationToken);
                    return (g.OrderId, Error: (string?)null);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    return (g.OrderId, Error: e.Message);
                }
            })
            .ToList();
        var results = await Task.WhenAll(handOvers);
        var failed = results.Where(r => r.Error is not null).ToList();
        foreach (var (orderId, _) in results.Where(r => r.Error is null))
        {
            s.HandOverFailures.Remove(orderId);
        }

        if (failed.Count == 0)
        {
            return results.Length;
        }

        var stuck = false;
        foreach (var (orderId, error) in failed)
        {
            var attempts = s.HandOverFailures[orderId] = s.HandOverFailures.GetValueOrDefault(orderId) + 1;
            if (attempts < _options.MaxHandOverAttempts)
            {
                stuck = true;
                continue;
            }

            // Poison isolation: move past the order rather than stop the account; the incident says which one.
            s.HandOverFailures.Remove(orderId);
            events.In("retailcrm", "order.handover", "failed", payload, $"order {orderId.ToString(CultureInfo.InvariantCulture)} skipped after {attempts.ToString(CultureInfo.InvariantCulture)} attempts: {error}");
            await new IncidentKeeper(new IncidentState(), Log, time).FailAsync(
                $"intake-{this.GetPrimaryKeyString()}-order-{orderId.ToString(CultureInfo.InvariantCulture)}", "intake", orderId, "intake.order-skipped",
                $"RetailCRM order {orderId.ToString(CultureInfo.InvariantCulture)} could not be taken in and was skipped", error!, _options.AlertUserIds, Gateway, cancellationToken);
        }

        if (stuck)
        {
            s.LastError = $"{failed.Count.ToString(CultureInfo.InvariantCulture)} orders of history {payload} could not be handed over: {failed[0].Error}";
            await FailAsync(s.LastError, events, cancellationToken);
            return null;
        }

        return results.Length - failed.Count;
    }

    private IBitrix24GatewayGrain Gateway => GrainFactory.GetGrain<IBitrix24GatewayGrain>(_options.Portal);

    private async Task FailAsync(string error, OrderEvents events, CancellationToken cancellationToken)
    {
        state.State.LastError = error;
        LogPollFailed(logger, Account, error);
        await new IncidentKeeper(state.State.Incidents, Log, time).FailAsync(
            $"intake-{this.GetPrimaryKeyString()}", "intake", null, "intake.failed", $"The order intake of {this.GetPrimaryKeyString()} is held up", error,
            _options.AlertUserIds.Count > 0 ? _options.AlertUserIds : [_options.DefaultResponsibleId], Gateway, cancellationToken);
        await state.WriteStateAsync(cancellationToken);
        await events.FlushAsync(Log, cancellationToken);
    }

    private async Task ResolveAsync(CancellationToken cancellationToken)
    {
        if (state.State.Incidents.Open is not null)
        {
            await new IncidentKeeper(state.State.Incidents, Log, time).ResolveAsync("the history is read again", cancellationToken);
            state.State.LastError = null;
            await state.WriteStateAsync(cancellationToken);
        }
    }

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Order intake {Account}: {Records} history records, {Orders} orders handed over, up to {LastId}")]
    private static partial void LogBatch(ILogger logger, string account, int records, int orders, long lastId);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "Order intake {Account}: {Error}")]
    private static partial void LogPollFailed(ILogger logger, string account, string error);
}
