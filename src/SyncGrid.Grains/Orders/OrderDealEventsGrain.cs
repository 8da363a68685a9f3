using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Domain;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Orders;

/// <summary>
/// Bitrix24's outgoing deal events (a stateless worker): the application token is compared in constant time with
/// <see cref="OrdersOptions.ApplicationToken"/>; the event only names the deal, so the deal is read through the gateway
/// and handed to the order grain of its <c>ORIGIN_ID</c>. A deal that cannot be read now is left to the polling fallback.
/// </summary>
[StatelessWorker]
public sealed class OrderDealEventsGrain(IServiceProvider services, IOptions<OrdersOptions> options, TimeProvider time) : Grain, IOrderDealEventsGrain
{
    private static readonly string[] Handled = ["ONCRMDEALUPDATE", "ONCRMDEALADD"];

    /// <inheritdoc />
    public async Task<DealEventOutcome> ReceiveAsync(Bitrix24DealEvent received, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(received);
        var o = options.Value;
        var events = new OrderEvents(time, null) { DealId = received.DealId };
        var payload = $"bitrix24:deal:{received.DealId.ToString(CultureInfo.InvariantCulture)}";
        var log = services.GetService<IOrderLog>();
        if (string.IsNullOrEmpty(o.ApplicationToken) || received.ApplicationToken is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(o.ApplicationToken), Encoding.UTF8.GetBytes(received.ApplicationToken)))
        {
            events.In("bitrix24", "deal.event", "failed", payload, $"{received.Event} refused: the application token is missing or wrong");
            await events.FlushAsync(log, cancellationToken);
            return DealEventOutcome.Rejected;
        }

        if (!Handled.Contains(received.Event.ToUpperInvariant()))
        {
            return DealEventOutcome.Ignored;
        }

        var started = OrderEvents.Start();
        var result = (await GrainFactory.GetGrain<IBitrix24GatewayGrain>(o.Portal).ExecuteAsync(new ValueList<Bitrix24Command>([OrderCommands.GetDeal(received.DealId)]), cancellationToken))[0];
        if (result.Outcome != Bitrix24Outcome.Ok)
        {
            events.Out("bitrix24", "deal.read", OrderGrain.ResultOf(result), payload, result.ToString(), started);
            await events.FlushAsync(log, cancellationToken);
            return DealEventOutcome.Deferred;
        }

        using var json = result.Parse()!;
        if (DealReader.Read(json.RootElement, o.Originator, "event") is not { } seen)
        {
            return DealEventOutcome.Ignored;
        }

        await GrainFactory.GetGrain<IOrderGrain>(seen.OrderId).DealChangedAsync(seen.Observation, cancellationToken);
        return DealEventOutcome.Accepted;
    }
}
