using Microsoft.Extensions.Logging;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>Sandbox log messages (EventIds 5000s). The webhook code is never logged.</summary>
internal static partial class Bitrix24SandboxLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Bitrix24 sandbox listening on 127.0.0.1:{Port} (burst {Burst}, drain {Drain}/s)")]
    public static partial void Started(ILogger logger, int port, double burst, double drain);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Bitrix24 sandbox refused {Method}: {Error}")]
    public static partial void Refused(ILogger logger, string method, string error);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Bitrix24 sandbox injected {Fault} into {Method}")]
    public static partial void Injected(ILogger logger, string method, string fault);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Bitrix24 sandbox state saved to {Path} ({Entities} entities)")]
    public static partial void Saved(ILogger logger, string path, int entities);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Bitrix24 sandbox state loaded from {Path} ({Entities} entities)")]
    public static partial void Loaded(ILogger logger, string path, int entities);
}
