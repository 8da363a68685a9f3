using Microsoft.Extensions.Logging;

namespace SyncGrid.Sandbox.RetailCrm;

internal static partial class RetailCrmSandboxLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "RetailCRM sandbox listening on {BaseUrl} ({Rate} requests/s)")]
    public static partial void Started(ILogger logger, string baseUrl, double rate);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Debug, Message = "RetailCRM sandbox: {Path} refused by the rate limit")]
    public static partial void Limited(ILogger logger, string path);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Debug, Message = "RetailCRM sandbox: injected {Kind} on {Route}")]
    public static partial void Injected(ILogger logger, string route, RetailCrmFaultKind kind);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Debug, Message = "RetailCRM sandbox: applied, then injected {Kind} on {Route}")]
    public static partial void InjectedAfterCommit(ILogger logger, string route, RetailCrmFaultKind kind);
}
