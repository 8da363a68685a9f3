using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace SyncGrid.Storage.Schema;

/// <summary>
/// Brings a MariaDB database up to SyncGrid's schema: creates the database when it is missing, then applies every
/// embedded <c>deploy/sql/*.sql</c> script in file-name order, whoever wrote it, and records each in
/// <c>syncgrid_schema_migrations</c> with its SHA-256.
/// </summary>
/// <remarks>
/// A script already recorded with the same checksum is skipped; one whose text changed is applied again, which is
/// safe because every script is idempotent. Concurrent migrators (several silos starting at once) are serialised by
/// the server-wide lock <c>GET_LOCK('syncgrid_migrate', 60)</c>, so the one that waited finds everything applied.
/// Scripts are split on lines holding only <c>-- go</c> (see <see cref="SchemaScript"/>).
/// </remarks>
public static class SchemaMigrator
{
    /// <summary>The table recording applied scripts.</summary>
    public const string MigrationsTable = "syncgrid_schema_migrations";

    /// <summary>The name of the server-wide lock that serialises migrators.</summary>
    public const string LockName = "syncgrid_migrate";

    /// <summary>How long a migrator waits for another to finish before giving up.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    private const int StatementTimeoutSeconds = 300;

    /// <summary>Applies the embedded scripts to the database named in <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">A MariaDB connection string that names the database (<c>Database=...</c>).</param>
    /// <param name="logger">Where progress goes; nothing is logged when null. The connection string is never logged.</param>
    /// <param name="cancellationToken">Stops between statements and while waiting for the lock.</param>
    /// <returns>Which scripts were applied, applied again or skipped.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or names no database.</exception>
    /// <exception cref="SchemaMigrationException">The server could not be reached, the lock was not obtained, or a
    /// statement failed; the message names the script, the statement number and its line.</exception>
    public static Task<MigrationReport> MigrateAsync(string connectionString, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        MigrateAsync(connectionString, SchemaScript.LoadEmbedded(), logger, cancellationToken);

    /// <summary>Applies the given scripts, in the order given; <see cref="MigrateAsync(string, ILogger?, CancellationToken)"/> passes the embedded ones.</summary>
    public static async Task<MigrationReport> MigrateAsync(string connectionString, IReadOnlyList<SchemaScript> scripts, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(scripts);
        logger ??= NullLogger.Instance;
        var target = new MySqlConnectionStringBuilder(connectionString);
        var database = target.Database;
        if (string.IsNullOrWhiteSpace(database))
        {
            throw new ArgumentException("The connection string names no database: add Database=<name> (the migrator creates it when missing).", nameof(connectionString));
        }

        var created = await EnsureDatabaseAsync(target, logger, cancellationToken);

        // Undefined @names pass through as user variables, so a script may use them; the migrator's own commands
        // still bind their parameters.
        target.AllowUserVariables = true;
        await using var connection = new MySqlConnection(target.ConnectionString);
        await OpenAsync(connection, database, cancellationToken);
        try
        {
            await AcquireLockAsync(connection, database, logger, cancellationToken);
            try
            {
                var warnings = await CheckServerAsync(connection, logger, cancellationToken);
                await ExecuteAsync(connection, $"""
                    CREATE TABLE IF NOT EXISTS {MigrationsTable}
                    (
                        script VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
                        checksum CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
                        applied_at DATETIME(6) NOT NULL,
                        CONSTRAINT pk_{MigrationsTable} PRIMARY KEY (script)
                    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
                    """, cancellationToken);
                var applied = await ReadAppliedAsync(connection, cancellationToken);
                var results = new List<MigrationScriptResult>(scripts.Count);
                foreach (var script in scripts)
                {
                    results.Add(await ApplyAsync(connection, database, script, applied.GetValueOrDefault(script.Name), logger, cancellationToken));
                }

                return new MigrationReport(database, created, results, warnings);
            }
            finally
            {
                await ReleaseLockAsync(connection);
            }
        }
        catch (MySqlException ex)
        {
            // Script statements are reported by ApplyAsync; this covers the lock and the bookkeeping table.
            throw new SchemaMigrationException($"Migrating database '{database}' failed outside the scripts: {ex.Message}", ex);
        }
    }

    private static async Task<bool> EnsureDatabaseAsync(MySqlConnectionStringBuilder target, ILogger logger, CancellationToken cancellationToken)
    {
        var server = new MySqlConnectionStringBuilder(target.ConnectionString) { Database = string.Empty };
        await using var connection = new MySqlConnection(server.ConnectionString);
        await OpenAsync(connection, target.Database, cancellationToken);

        // Looked up first so that an account without CREATE privilege can still migrate a database that exists.
        await using (var exists = new MySqlCommand("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @name", connection))
        {
            exists.Parameters.AddWithValue("@name", target.Database);
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return false;
            }
        }

        int created;
        try
        {
            // IF NOT EXISTS because another migrator may create it between the look-up and here; then 0 rows are affected.
            await using var create = new MySqlCommand($"CREATE DATABASE IF NOT EXISTS {QuoteIdentifier(target.Database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", connection);
            created = await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (MySqlException ex)
        {
            throw new SchemaMigrationException($"Cannot create database '{target.Database}': {ex.Message}", ex);
        }

        if (created > 0)
        {
            SchemaMigratorLog.DatabaseCreated(logger, target.Database);
        }

        return created > 0;
    }

    private static async Task OpenAsync(MySqlConnection connection, string database, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (MySqlException ex)
        {
            throw new SchemaMigrationException($"Cannot connect to MariaDB to migrate database '{database}': {ex.Message}", ex);
        }
    }

    private static async Task AcquireLockAsync(MySqlConnection connection, string database, ILogger logger, CancellationToken cancellationToken)
    {
        SchemaMigratorLog.WaitingForLock(logger, LockName, database);
        await using var command = new MySqlCommand("SELECT GET_LOCK(@name, @timeout)", connection) { CommandTimeout = (int)LockTimeout.TotalSeconds + 30 };
        command.Parameters.AddWithValue("@name", LockName);
        command.Parameters.AddWithValue("@timeout", (int)LockTimeout.TotalSeconds);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        if (result is null or DBNull || Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture) != 1)
        {
            throw new SchemaMigrationException(
                $"Could not migrate database '{database}': another migrator held the lock '{LockName}' for more than {LockTimeout.TotalSeconds:0} s. "
                + $"Check for a stuck 'syncgrid db migrate' or silo start (SELECT IS_USED_LOCK('{LockName}') shows the connection id).");
        }
    }

    private static async Task ReleaseLockAsync(MySqlConnection connection)
    {
        // Releasing explicitly frees the lock before the pool keeps the session. When that fails the session is
        // broken, and the server drops a broken session's locks with it; the original error must not be masked.
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var command = new MySqlCommand("DO RELEASE_LOCK(@name)", connection);
            command.Parameters.AddWithValue("@name", LockName);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (MySqlException)
        {
            MySqlConnection.ClearPool(connection);
        }
    }

    private static async Task<IReadOnlyList<string>> CheckServerAsync(MySqlConnection connection, ILogger logger, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT @@SESSION.sql_mode", connection);
        var mode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        if (mode.Contains("STRICT_TRANS_TABLES", StringComparison.OrdinalIgnoreCase) || mode.Contains("STRICT_ALL_TABLES", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var warning = $"The server's sql_mode ('{mode}') is not strict: MariaDB then silently truncates a value longer than its "
            + "column or procedure parameter (for example a string grain key over 512 characters) instead of failing. "
            + "Set sql_mode to include STRICT_TRANS_TABLES (the MariaDB default).";
        SchemaMigratorLog.NotStrict(logger, mode);
        return [warning];
    }

    private static async Task<Dictionary<string, string>> ReadAppliedAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new MySqlCommand($"SELECT script, checksum FROM {MigrationsTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task<MigrationScriptResult> ApplyAsync(
        MySqlConnection connection, string database, SchemaScript script, string? appliedChecksum, ILogger logger, CancellationToken cancellationToken)
    {
        if (string.Equals(appliedChecksum, script.Checksum, StringComparison.Ordinal))
        {
            SchemaMigratorLog.Skipped(logger, script.Name);
            return new MigrationScriptResult(script.Name, script.Checksum, MigrationOutcome.Skipped, script.Statements.Count, TimeSpan.Zero);
        }

        var outcome = appliedChecksum is null ? MigrationOutcome.Applied : MigrationOutcome.Reapplied;
        if (outcome == MigrationOutcome.Reapplied)
        {
            SchemaMigratorLog.ChecksumChanged(logger, script.Name, appliedChecksum!, script.Checksum);
        }

        var started = Stopwatch.GetTimestamp();
        foreach (var statement in script.Statements)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await ExecuteAsync(connection, statement.Text, cancellationToken);
            }
            catch (MySqlException ex)
            {
                SchemaMigratorLog.StatementFailed(logger, ex, script.Name, statement.Number, statement.Line);
                throw new SchemaMigrationException(
                    $"Schema script '{script.Name}' failed on database '{database}' at statement {statement.Number} of {script.Statements.Count} "
                    + $"(line {statement.Line}): {ex.Message}", ex)
                {
                    Script = script.Name,
                    Statement = statement.Number,
                };
            }
        }

        await using (var record = new MySqlCommand(
            $"""
            INSERT INTO {MigrationsTable} (script, checksum, applied_at) VALUES (@script, @checksum, UTC_TIMESTAMP(6))
            ON DUPLICATE KEY UPDATE checksum = VALUES(checksum), applied_at = VALUES(applied_at)
            """, connection))
        {
            record.Parameters.AddWithValue("@script", script.Name);
            record.Parameters.AddWithValue("@checksum", script.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        SchemaMigratorLog.Applied(logger, script.Name, script.Statements.Count, (long)elapsed.TotalMilliseconds, outcome);
        return new MigrationScriptResult(script.Name, script.Checksum, outcome, script.Statements.Count, elapsed);
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = StatementTimeoutSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string QuoteIdentifier(string identifier) => $"`{identifier.Replace("`", "``", StringComparison.Ordinal)}`";
}
