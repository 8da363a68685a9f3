namespace SyncGrid.Storage.Schema;

/// <summary>What the schema migrator did with one script.</summary>
public enum MigrationOutcome
{
    /// <summary>The script had never been applied to this database and now is.</summary>
    Applied,

    /// <summary>The script had been applied with another checksum (its text changed) and was applied again.</summary>
    Reapplied,

    /// <summary>The script had already been applied with the same checksum; nothing was sent.</summary>
    Skipped,
}
