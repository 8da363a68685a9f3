using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Domain.Bitrix24;
using SyncGrid.Domain.RetailCrm;

namespace SyncGrid.Grains.Orders;

/// <summary>
/// Starts the order flows with the silo when <see cref="OrdersOptions.Enabled"/>: checks the status dictionary against
/// RetailCRM's statuses and each pipeline's Bitrix24 stages (an unknown code stops the silo with a message naming the
/// setting and the code), then starts the order intake and the deal polling fallback.
/// </summary>
internal sealed partial class OrdersStartup(
    IOptions<OrdersOptions> options,
    IServiceProvider services,
    IGrainFactory grains,
    OrderDictionaries dictionaries,
    ILogger<OrdersStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OrdersStartup), ServiceLifecycleStage.Active, StartAsync, _ => Task.CompletedTask);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        var client = services.GetService<IRetailCrmClient>()
            ?? throw new OptionsValidationException(OrdersOptions.Section, typeof(OrdersOptions), ["Orders:Enabled needs RetailCRM: set RetailCrm:BaseUrl and RetailCrm:ApiKey."]);
        if (services.GetService<IBitrix24Client>() is null)
        {
            throw new OptionsValidationException(OrdersOptions.Section, typeof(OrdersOptions), ["Orders:Enabled needs Bitrix24: set Bitrix24:WebhookUrl."]);
        }

        await ValidateAsync(o, client, cancellationToken);
        await grains.GetGrain<IOrderIntakeGrain>(o.Account).StartAsync(cancellationToken);
        await grains.GetGrain<IDealPollGrain>(o.Portal).StartAsync(cancellationToken);
        LogStarted(logger, o.Account, o.Pipelines.Count);
    }

    /// <summary>Reads both dictionaries and checks the unified one against them; throws naming every unknown code.</summary>
    internal async Task ValidateAsync(OrdersOptions o, IRetailCrmClient client, CancellationToken cancellationToken)
    {
        var statuses = await client.GetStatusesAsync(cancellationToken);
        if (!statuses.IsOk)
        {
            throw new InvalidOperationException($"Orders: RetailCRM's statuses dictionary could not be read at start-up ({statuses}); check RetailCrm:BaseUrl and RetailCrm:ApiKey.");
        }

        var map = o.StatusMap();
        var stages = new Dictionary<int, IReadOnlyCollection<string>?>();
        dictionaries.Clear();
        foreach (var category in map.Pipelines.Select(p => p.CategoryId).Distinct())
        {
            var read = await dictionaries.StagesAsync(grains, o.Portal, category, cancellationToken)
                ?? throw new InvalidOperationException($"Orders: the stages of Bitrix24 deal pipeline {category} could not be read at start-up; check Bitrix24:WebhookUrl.");
            stages[category] = read.Count == 0 ? null : [.. read.Keys];
        }

        var (errors, warnings) = map.Validate(OrdersOptions.Section, statuses.Value!, category => stages.GetValueOrDefault(category));
        foreach (var warning in warnings)
        {
            LogWarning(logger, warning);
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(OrdersOptions.Section, typeof(OrdersOptions), errors);
        }
    }

    [LoggerMessage(EventId = 1331, Level = LogLevel.Information, Message = "Orders: status dictionary checked; intake of {Account} started ({Pipelines} pipelines)")]
    private static partial void LogStarted(ILogger logger, string account, int pipelines);

    [LoggerMessage(EventId = 1332, Level = LogLevel.Warning, Message = "Orders: {Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);
}
