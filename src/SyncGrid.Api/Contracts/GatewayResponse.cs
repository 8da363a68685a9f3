namespace SyncGrid.Api.Contracts;

/// <summary>A Bitrix24 gateway's metrics since it was activated (<c>GET /api/v1/gateway</c>).</summary>
/// <param name="Portal">The portal (gateway key).</param>
/// <param name="Requests">Requests sent to the portal.</param>
/// <param name="Commands">Commands those requests carried.</param>
/// <param name="RateLimitErrors">Requests the portal refused with QUERY_LIMIT_EXCEEDED.</param>
/// <param name="OperatingLimitErrors">Commands refused with OPERATION_TIME_LIMIT.</param>
/// <param name="LostAnswers">Requests whose answer was lost.</param>
/// <param name="QueueDepth">Commands waiting now.</param>
/// <param name="RequestsPerSecond">Requests per second since the first request.</param>
/// <param name="CommandsPerSecond">Commands per second since the first request.</param>
/// <param name="BlockedMethods">Methods held back by their operating-time limit now.</param>
public sealed record GatewayResponse(string Portal, long Requests, long Commands, long RateLimitErrors, long OperatingLimitErrors, long LostAnswers, int QueueDepth, double RequestsPerSecond, double CommandsPerSecond, int BlockedMethods);
