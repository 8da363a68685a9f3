using Microsoft.Extensions.Logging;

namespace SyncGrid.Storage.Schema;

/// <summary>The schema migrator's log messages (event ids 4500-4599 of the storage range).</summary>
internal static partial class SchemaMigratorLog
{
    [LoggerMessage(EventId = 4500, Level = LogLevel.Information, Message = "Schema: created database {Database}")]
    public static partial void DatabaseCreated(ILogger logger, string database);

    [LoggerMessage(EventId = 4501, Level = LogLevel.Debug, Message = "Schema: waiting for lock {Lock} to migrate {Database}")]
    public static partial void WaitingForLock(ILogger logger, string @lock, string database);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Debug, Message = "Schema: {Script} already applied with the same checksum, skipped")]
    public static partial void Skipped(ILogger logger, string script);

    [LoggerMessage(EventId = 4503, Level = LogLevel.Information, Message = "Schema: {Script} changed since it was applied ({OldChecksum} -> {NewChecksum}); applying it again")]
    public static partial void ChecksumChanged(ILogger logger, string script, string oldChecksum, string newChecksum);

    [LoggerMessage(EventId = 4504, Level = LogLevel.Information, Message = "Schema: {Script} {Outcome}, {Statements} statements in {ElapsedMs} ms")]
    public static partial void Applied(ILogger logger, string script, int statements, long elapsedMs, MigrationOutcome outcome);

    [LoggerMessage(EventId = 4505, Level = LogLevel.Error, Message = "Schema: {Script} failed at statement {Statement} (line {Line})")]
    public static partial void StatementFailed(ILogger logger, Exception exception, string script, int statement, int line);

    [LoggerMessage(EventId = 4506, Level = LogLevel.Warning, Message = "Schema: sql_mode '{SqlMode}' is not strict; over-long keys would be truncated silently instead of failing")]
    public static partial void NotStrict(ILogger logger, string sqlMode);
}
