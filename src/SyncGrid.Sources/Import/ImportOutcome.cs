namespace SyncGrid.Sources.Import;

/// <summary>How an import run ended.</summary>
public enum ImportOutcome
{
    /// <summary>Every partner of the file was published and acknowledged.</summary>
    Completed,

    /// <summary>The file was already imported to its end (its checkpoint is complete); nothing was read.</summary>
    AlreadyCompleted,

    /// <summary>
    /// The file is truncated or structurally broken: everything before the break was published, the break itself as a
    /// rejection, and the checkpoint is complete (the same file cannot be read further).
    /// </summary>
    Broken,
}
