namespace SyncGrid.Storage.Schema;

/// <summary>
/// A schema migration failed. The message names the database and, when a script failed, the script, the statement
/// number and the line it starts on.
/// </summary>
public sealed class SchemaMigrationException : Exception
{
    public SchemaMigrationException()
    {
    }

    public SchemaMigrationException(string message)
        : base(message)
    {
    }

    public SchemaMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The script that failed, or null when the failure was not in a script (connection, lock).</summary>
    public string? Script { get; init; }

    /// <summary>The 1-based number of the failed statement within <see cref="Script"/>, or null.</summary>
    public int? Statement { get; init; }
}
