namespace SyncGrid.Storage.Schema;

/// <summary>What <see cref="SchemaMigrator.MigrateAsync(string, Microsoft.Extensions.Logging.ILogger?, CancellationToken)"/> did to one database.</summary>
/// <param name="Database">The database named in the connection string.</param>
/// <param name="DatabaseCreated">True when the migrator had to create the database.</param>
/// <param name="Scripts">Every embedded script, in the order applied, with its outcome.</param>
/// <param name="Warnings">Conditions worth an operator's attention that did not stop the migration.</param>
public sealed record MigrationReport(
    string Database,
    bool DatabaseCreated,
    IReadOnlyList<MigrationScriptResult> Scripts,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The scripts applied by this run, first-time or again.</summary>
    public IReadOnlyList<string> Applied => [.. Scripts.Where(s => s.Outcome != MigrationOutcome.Skipped).Select(s => s.Script)];

    /// <summary>The scripts this run left alone because they were already applied unchanged.</summary>
    public IReadOnlyList<string> Skipped => [.. Scripts.Where(s => s.Outcome == MigrationOutcome.Skipped).Select(s => s.Script)];
}
