using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;

namespace SyncGrid.Storage.Health;

/// <summary>Readiness of MariaDB: a connection opens and answers <c>SELECT 1</c> within the check's time.</summary>
/// <param name="connectionString">The connection string (<c>ConnectionStrings:MariaDb</c>; a secret: only its server and database are reported).</param>
public sealed class MariaDbHealthCheck(string connectionString) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var target = Describe(connectionString);
        try
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new MySqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"MariaDB {target} answers (server {connection.ServerVersion}).");
        }
        catch (Exception ex) when (ex is MySqlException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy($"MariaDB {target} is not reachable: {ex.Message}", ex);
        }
    }

    private static string Describe(string connectionString)
    {
        try
        {
            var builder = new MySqlConnectionStringBuilder(connectionString);
            return $"{builder.Server}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "(unreadable connection string)";
        }
    }
}
