using MySqlConnector;

namespace SyncGrid.Storage.Batching;

/// <summary>Connection settings for the batch workers.</summary>
internal static class BatchConnections
{
    /// <summary>
    /// Turns off the session reset on every pool checkout (a round trip per batch; the workers set no session
    /// state that could leak) and keeps the connection string's other settings.
    /// </summary>
    public static string Tune(string connectionString) =>
        new MySqlConnectionStringBuilder(connectionString) { ConnectionReset = false }.ConnectionString;
}
