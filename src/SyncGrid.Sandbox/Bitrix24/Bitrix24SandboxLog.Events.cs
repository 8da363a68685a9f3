using Microsoft.Extensions.Logging;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>Log messages of the outgoing events.</summary>
internal static partial class Bitrix24SandboxLog
{
    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "Bitrix24 sandbox: delivery of {Event} failed ({Status}); outgoing events are not retried")]
    public static partial void EventFailed(ILogger logger, string @event, int status);
}
