using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;
using SyncGrid.Domain.RetailCrm;

namespace SyncGrid.Grains.Orders;

/// <summary>
/// One RetailCRM order (key: its internal id). <see cref="ApplyAsync"/> stores the latest order and returns; the deal
/// is written afterwards in a grain timer (kept by a reminder across restarts): the customer's contact first, then the
/// deal — added once, with its id kept here and an "add outcome unknown" mark persisted before the add, so a resend or
/// a lost answer never creates a second deal — then, for a cancellation or a return, a task for the responsible
/// manager. Stage and comment changes made in Bitrix24 come back through <see cref="DealChangedAsync"/> and are
/// written to the order; what SyncGrid wrote itself is recognised and not echoed.
/// </summary>
public sealed partial class OrderGrain(
    [PersistentState("order", GrainStorageNames.Grid)] IPersistentState<OrderState> state,
    IServiceProvider services,
    IOptions<OrdersOptions> options,
    OrderDictionaries dictionaries,
    TimeProvider time,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain, IRemindable
{
    private const string SyncReminder = "order-sync";
    private readonly OrdersOptions _options = options.Value;
    private DurableWork<OrderGrain>? _work;
    private bool _syncing;

    private long OrderId => this.GetPrimaryKeyLong();

    private DurableWork<OrderGrain> Work => _work ??= new DurableWork<OrderGrain>(this, SyncReminder, static (grain, ct) => grain.SyncAsync(ct));

    private IOrderLog? Log => services.GetService<IOrderLog>();

    private IBitrix24GatewayGrain Gateway => GrainFactory.GetGrain<IBitrix24GatewayGrain>(_options.Portal);

    private string DealRef => state.State.DealId is { } id ? $"bitrix24:deal:{id.ToString(CultureInfo.InvariantCulture)}" : $"retailcrm:order:{OrderId.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc />
    public async Task<OrderApplyResult> ApplyAsync(OrderChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var s = state.State;
        var events = new OrderEvents(time, OrderId) { DealId = s.DealId };
        if (change.HistoryId <= s.LastHistoryId)
        {
            events.In("retailcrm", "order.change", "skipped", change.PayloadRef, $"history {change.HistoryId} was already applied (last {s.LastHistoryId})");
            await events.FlushAsync(Log, cancellationToken);
            return OrderApplyResult.AlreadyApplied;
        }

        s.LastHistoryId = change.HistoryId;
        if (change.Order is null)
        {
            s.Deleted = true;
            s.SyncState = "deleted";
        }
        else
        {
            s.Order = change.Order;
            s.Deleted = false;
            s.SyncDue = true;
            s.NextAttemptAt = null;
        }

        await state.WriteStateAsync(cancellationToken);
        events.In("retailcrm", change.Order is null ? "order.deleted" : "order.change", "ok", change.PayloadRef);
        await events.FlushAsync(Log, cancellationToken);
        await IndexAsync(cancellationToken);
        if (s.SyncDue)
        {
            await Work.ScheduleAsync(TimeSpan.Zero);
        }

        return OrderApplyResult.Applied;
    }

    /// <inheritdoc />
    public async Task DealChangedAsync(DealObservation observation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var s = state.State;
        var events = new OrderEvents(time, OrderId) { DealId = observation.DealId };
        var payload = $"bitrix24:deal:{observation.DealId.ToString(CultureInfo.InvariantCulture)}";
        var kind = observation.Via == "poll" ? "deal.poll" : "deal.event";
        if (s.Order is null || s.DealId != observation.DealId)
        {
            events.In("bitrix24", kind, "skipped", payload, "not this order's deal");
            await events.FlushAsync(Log, cancellationToken);
            return;
        }

        var stageChanged = observation.StageId != s.KnownStage;
        var commentChanged = (observation.Comments ?? string.Empty) != (s.KnownComments ?? string.Empty);
        if (!stageChanged && !commentChanged)
        {
            // What SyncGrid wrote itself, or a change already seen: nothing goes back (no ping-pong).
            events.In("bitrix24", kind, "skipped", payload, "no change since SyncGrid's last write or observation");
            await events.FlushAsync(Log, cancellationToken);
            return;
        }

        string? unmapped = null;
        if (stageChanged)
        {
            s.KnownStage = observation.StageId;
            var pipeline = _options.StatusMap().Pipeline(s.CategoryId ?? observation.CategoryId);
            var status = pipeline?.StatusOf(observation.StageId, s.Order.Status);
            if (status is null)
            {
                unmapped = $"Bitrix24 stage '{observation.StageId}' of pipeline {s.CategoryId ?? observation.CategoryId} has no RetailCRM status in the dictionary; the order keeps status '{s.Order.Status}'.";
            }
            else if (status == s.Order.Status)
            {
                s.StatusAtStageSync = status;
                s.Written["STAGE_ID"] = observation.StageId;
            }
            else
            {
                s.PendingStatus = status;
            }
        }

        if (commentChanged)
        {
            s.KnownComments = observation.Comments;
            if ((observation.Comments ?? string.Empty) != (s.Order.ManagerComment ?? string.Empty))
            {
                s.PendingComment = observation.Comments ?? string.Empty;
                s.CommentPending = true;
            }
        }

        events.In("bitrix24", kind, unmapped is null ? "ok" : "failed", payload, unmapped);
        if (unmapped is not null)
        {
            await Incidents.FailAsync(IncidentPrefix, "reverse", OrderId, "stage.unmapped", $"Order No. {s.Order.Number}: a deal stage cannot go back to RetailCRM", unmapped, Recipients(), Gateway, cancellationToken);
        }

        if (s.PendingStatus is not null || s.CommentPending)
        {
            s.SyncDue = true;
            s.NextAttemptAt = null;
        }

        await state.WriteStateAsync(cancellationToken);
        await events.FlushAsync(Log, cancellationToken);
        if (s.SyncDue)
        {
            await Work.ScheduleAsync(TimeSpan.Zero);
        }
    }

    /// <inheritdoc />
    public Task<OrderSyncSnapshot> GetSyncStateAsync(CancellationToken cancellationToken = default)
    {
        var s = state.State;
        return Task.FromResult(new OrderSyncSnapshot
        {
            OrderId = OrderId,
            Exists = s.Order is not null || s.Deleted,
            Number = s.Order?.Number,
            ExternalId = s.Order?.ExternalId,
            Site = s.Order?.Site,
            Status = s.Order?.Status,
            State = s.SyncState,
            DealId = s.DealId,
            CategoryId = s.CategoryId,
            StageId = s.KnownStage,
            ContactId = s.ContactId,
            ContactKey = s.ContactKey,
            CompanyId = s.CompanyId,
            LastHistoryId = s.LastHistoryId,
            LastSyncedAt = s.LastSyncedAt,
            LastError = s.LastError,
            Attempts = s.Attempts,
            NextAttemptAt = s.NextAttemptAt,
            OpenIncident = s.Incidents.Open?.Id,
            Tasks = new ValueList<long>(s.Tasks.Select(t => t.TaskId).OfType<long>()),
            PendingStatus = s.PendingStatus,
        });
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status) =>
        reminderName == SyncReminder ? SyncAsync(CancellationToken.None) : Task.CompletedTask;

    private string IncidentPrefix => $"order-{OrderId.ToString(CultureInfo.InvariantCulture)}";

    private IncidentKeeper Incidents => new(state.State.Incidents, Log, time);

    private int Responsible => _options.ResponsibleFor(state.State.Order?.ManagerId);

    private List<int> Recipients() => [.. _options.AlertUserIds.Prepend(Responsible).Distinct()];

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        if (_syncing)
        {
            return;
        }

        _syncing = true;
        try
        {
            var s = state.State;
            var now = time.GetUtcNow();
            if (!s.SyncDue || s.Order is null)
            {
                await Work.DoneAsync();
                return;
            }

            if (s.NextAttemptAt is { } next && next > now)
            {
                await Work.ScheduleAsync(next - now);
                return;
            }

            var events = new OrderEvents(time, OrderId) { DealId = s.DealId };
            SyncFailure? failure;
            try
            {
                failure = await RunAsync(events, cancellationToken);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                failure = new SyncFailure("order", "grid.unavailable", "the grid did not answer in time", e.Message, Retry: true);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // A bug must not stall the order until the next reminder: it is an incident like any failure.
                LogSyncCrashed(logger, e, OrderId);
                failure = new SyncFailure("order", "internal", "the sync failed unexpectedly", $"{e.GetType().Name}: {e.Message}", Retry: true);
            }

            events.DealId = s.DealId;
            if (failure is null)
            {
                s.SyncDue = s.PendingStatus is not null || s.CommentPending;
                s.Attempts = 0;
                s.LastError = null;
                s.NextAttemptAt = null;
                s.LastSyncedAt = time.GetUtcNow();
                s.SyncState = s.Deleted ? "deleted" : "synced";
                await Incidents.ResolveAsync("the order synced", cancellationToken);
            }
            else
            {
                s.Attempts++;
                s.LastError = $"{failure.Code}: {failure.Error}";
                s.NextAttemptAt = time.GetUtcNow() + (failure.Retry ? _options.RetryDelay(s.Attempts) : _options.MaxRetryDelay);
                s.SyncState = "failed";
                LogSyncFailed(logger, OrderId, s.Attempts, failure.Code, failure.Error);
                await Incidents.FailAsync(IncidentPrefix, failure.Scope, OrderId, failure.Code, $"Order No. {s.Order.Number}: {failure.Title}", failure.Error, Recipients(), Gateway, cancellationToken);
            }

            await state.WriteStateAsync(cancellationToken);
            await events.FlushAsync(Log, cancellationToken);
            await IndexAsync(cancellationToken);
            if (s.SyncDue)
            {
                var wait = s.NextAttemptAt is { } at && at > time.GetUtcNow() ? at - time.GetUtcNow() : TimeSpan.Zero;
                await Work.ScheduleAsync(wait);
            }
            else
            {
                await Work.DoneAsync();
            }
        }
        finally
        {
            _syncing = false;
        }
    }

    private async Task IndexAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        if (Log is { } log && s.Order is { } order)
        {
            await log.UpsertOrderAsync(new OrderIndexRow(OrderId, order.Number, order.ExternalId, order.Site, order.Status, s.DealId, s.SyncState, time.GetUtcNow(), s.LastError), cancellationToken);
        }
    }

    private async Task<Bitrix24Result> CallAsync(Bitrix24Command command, string kind, OrderEvents events, CancellationToken cancellationToken)
    {
        var started = OrderEvents.Start();
        var result = (await Gateway.ExecuteAsync(new ValueList<Bitrix24Command>([command]), cancellationToken))[0];
        events.Out("bitrix24", kind, ResultOf(result), DealRef, result.Outcome == Bitrix24Outcome.Ok ? null : $"{command.Method}: {result}", started);
        return result;
    }

    internal static string ResultOf(Bitrix24Result result) => result.Outcome switch
    {
        Bitrix24Outcome.Ok => "ok",
        Bitrix24Outcome.Unknown => "unknown",
        _ => "failed",
    };

    internal static string ResultOf(RetailCrmOutcome outcome) => outcome switch
    {
        RetailCrmOutcome.Ok => "ok",
        RetailCrmOutcome.Unavailable => "unknown",
        _ => "failed",
    };

    private static SyncFailure Bitrix24Failure(Bitrix24Result result, string method, string title) => result.Outcome switch
    {
        Bitrix24Outcome.Rejected => new SyncFailure("order", "bitrix24.rejected", title, $"{method} was refused: {result.ErrorCode} {result.ErrorDescription}".TrimEnd(), Retry: false),
        Bitrix24Outcome.Fatal => new SyncFailure("order", "bitrix24.fatal", title, $"{method}: the portal refused the webhook ({result.ErrorCode}); fix the Bitrix24 configuration", Retry: false),
        Bitrix24Outcome.Unknown => new SyncFailure("order", "bitrix24.unknown", title, $"{method}: the answer was lost ({result.ErrorCode} {result.ErrorDescription}); it is looked up before it is sent again".TrimEnd(), Retry: true),
        _ => new SyncFailure("order", "bitrix24.unavailable", title, $"{method}: {result.Outcome} {result.ErrorCode}".TrimEnd(), Retry: true),
    };

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Order {OrderId}: the sync failed unexpectedly")]
    private static partial void LogSyncCrashed(ILogger logger, Exception exception, long orderId);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Order {OrderId}: sync attempt {Attempt} failed ({Code}): {Error}")]
    private static partial void LogSyncFailed(ILogger logger, long orderId, int attempt, string code, string error);

    /// <summary>Why an attempt failed: where, a stable code, what it means to a person, the detail, and whether retrying can help.</summary>
    private sealed record SyncFailure(string Scope, string Code, string Title, string Error, bool Retry);
}
