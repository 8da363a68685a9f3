using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SyncGrid.Abstractions;
using SyncGrid.Api.Contracts;
using SyncGrid.Api.Progress;

namespace SyncGrid.Api.Endpoints;

/// <summary>Source progress, gateway metrics and health.</summary>
internal static class StatusEndpoints
{
    public static async Task<Ok<SourcesResponse>> SourcesAsync(SourceProgressAggregator progress, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SourcesResponse(await progress.GetProgressAsync(cancellationToken)));

    public static async Task<Results<Ok<GatewayResponse>, ProblemHttpResult>> GatewayAsync(IGrainFactory grains, IOptions<SyncGridApiOptions> options, CancellationToken cancellationToken)
    {
        var portal = options.Value.Portal;
        Bitrix24GatewayStats stats;
        try
        {
            stats = await grains.GetGrain<IBitrix24GatewayGrain>(portal).GetStatsAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            // The gateway cannot be activated where no Bitrix24 client is configured (no Bitrix24:WebhookUrl).
            return ApiProblems.Unavailable(
                $"The Bitrix24 gateway of portal '{portal}' cannot run: {(ex.InnerException ?? ex).Message} Is Bitrix24:WebhookUrl set on the silos?", "gateway.unavailable");
        }

        return TypedResults.Ok(new GatewayResponse(portal, stats.Requests, stats.Commands, stats.RateLimitErrors, stats.OperatingLimitErrors, stats.LostAnswers,
            stats.QueueDepth, Math.Round(stats.RequestsPerSecond, 3), Math.Round(stats.CommandsPerSecond, 3), stats.BlockedMethods));
    }

    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> HealthAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(true, cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return TypedResults.Ok(new HealthResponse("ok", hosts.Count, null));
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or InvalidOperationException)
        {
            return TypedResults.Json(new HealthResponse("unavailable", null, ex.Message), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
