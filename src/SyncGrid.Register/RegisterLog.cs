using Microsoft.Extensions.Logging;

namespace SyncGrid.Register;

/// <summary>The register client's log messages (EventIds 4000–4099). The API key is never a parameter.</summary>
internal static partial class RegisterLog
{
    [LoggerMessage(4001, LogLevel.Debug, "Register answered for {Tin}: {Outcome}")]
    public static partial void Answered(ILogger logger, string tin, string outcome);

    [LoggerMessage(4002, LogLevel.Warning, "Register unavailable for {Tin} after retries: {Reason}")]
    public static partial void Unavailable(ILogger logger, string tin, string reason);

    [LoggerMessage(4003, LogLevel.Error, "ALERT: the register refused the client with HTTP {StatusCode} while looking up {Tin}; all register lookups are stopped until the key or quota is fixed and the register health is reset. Reason: {Reason}")]
    public static partial void Stopped(ILogger logger, int statusCode, string tin, string reason);

    [LoggerMessage(4004, LogLevel.Warning, "Register answer for {Tin} could not be read: {Reason}")]
    public static partial void Malformed(ILogger logger, string tin, string reason);
}
