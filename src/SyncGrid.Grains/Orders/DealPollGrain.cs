using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Orders;

/// <summary>
/// The polling fallback of the reverse sync (key: the portal). Outgoing events are never retried, so every
/// <see cref="OrdersOptions.DealPollInterval"/> it lists SyncGrid's deals changed since its watermark (less an
/// overlap), oldest change first, and hands each to its order grain, which ignores what it already knows.
/// </summary>
public sealed partial class DealPollGrain(
    [PersistentState("deal-poll", GrainStorageNames.Grid)] IPersistentState<DealPollState> state,
    IServiceProvider services,
    IOptions<OrdersOptions> options,
    TimeProvider time,
    ILogger<DealPollGrain> logger) : Grain, IDealPollGrain, IRemindable
{
    private const string PollReminder = "deal-poll";
    private readonly OrdersOptions _options = options.Value;
    private IGrainTimer? _timer;
    private bool _polling;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _timer ??= this.RegisterGrainTimer(static (grain, ct) => grain.TickAsync(ct), this, new GrainTimerCreationOptions(_options.DealPollInterval, _options.DealPollInterval) { KeepAlive = true });
        if (await this.GetReminder(PollReminder, cancellationToken) is null)
        {
            await this.RegisterOrUpdateReminder(PollReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status) => StartAsync();

    /// <inheritdoc />
    public Task<int> PollNowAsync(CancellationToken cancellationToken = default) => PollAsync(cancellationToken);

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PollAsync(cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            LogFailed(logger, e.Message);
        }
    }

    private async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        if (_polling)
        {
            return 0;
        }

        _polling = true;
        try
        {
            var s = state.State;
            var now = time.GetUtcNow();
            var since = (s.Watermark ?? now) - _options.DealPollOverlap;
            var gateway = GrainFactory.GetGrain<IBitrix24GatewayGrain>(_options.Portal);
            var events = new OrderEvents(time, null);
            var seen = 0;
            var watermark = s.Watermark ?? now - _options.DealPollOverlap;
            long start = 0;
            while (true)
            {
                var started = OrderEvents.Start();
                var command = OrderCommands.ChangedDeals(_options.Originator, since.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), start);
                var result = (await gateway.ExecuteAsync(new ValueList<Bitrix24Command>([command]), cancellationToken))[0];
                events.Out("bitrix24", "deal.list", OrderGrain.ResultOf(result), $"bitrix24:deals:since:{since.ToString("O", CultureInfo.InvariantCulture)}", result.Outcome == Bitrix24Outcome.Ok ? null : result.ToString(), started);
                if (result.Outcome != Bitrix24Outcome.Ok)
                {
                    LogFailed(logger, result.ToString());
                    break;
                }

                using (var json = result.Parse()!)
                {
                    foreach (var row in json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray() : default)
                    {
                        if (DealReader.Read(row, _options.Originator, "poll") is { } deal)
                        {
                            await GrainFactory.GetGrain<IOrderGrain>(deal.OrderId).DealChangedAsync(deal.Observation, cancellationToken);
                            seen++;
                            if (deal.Observation.ModifiedAt is { } modified && modified > watermark)
                            {
                                watermark = modified;
                            }
                        }
                    }
                }

                if (result.Next is not { } next)
                {
                    break;
                }

                start = next;
            }

            // Nothing newer than the overlap: move the window on, so each poll reads only the recent changes.
            s.Watermark = watermark > now - _options.DealPollOverlap ? watermark : now - _options.DealPollOverlap;
            s.Polls++;
            s.DealsSeen += seen;
            await state.WriteStateAsync(cancellationToken);
            await events.FlushAsync(services.GetService<IOrderLog>(), cancellationToken);
            return seen;
        }
        finally
        {
            _polling = false;
        }
    }

    [LoggerMessage(EventId = 1321, Level = LogLevel.Warning, Message = "Deal poll: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
