using Microsoft.Extensions.Logging;
using SyncGrid.Domain.RetailCrm;

namespace SyncGrid.RetailCrm;

internal static partial class RetailCrmLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "RetailCRM {Host}: {Route} ended {Outcome} ({Status}): {Error}")]
    public static partial void Failed(ILogger logger, string host, string route, RetailCrmOutcome outcome, int status, string? error);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "RetailCRM {Host}: {Route} retried, attempt {Attempt} after {Outcome}")]
    public static partial void Retried(ILogger logger, string host, string route, int attempt, RetailCrmOutcome? outcome);
}
