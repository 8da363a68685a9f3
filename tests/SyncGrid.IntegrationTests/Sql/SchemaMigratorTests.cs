using MySqlConnector;
using SyncGrid.Storage.Schema;
using SyncGrid.Testing;

namespace SyncGrid.IntegrationTests.Sql;

[Trait("Category", "Integration")]
public sealed class SchemaMigratorTests
{
    private static readonly string[] ClusteringKeys =
    [
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "InsertMembershipKey", "UpdateMembershipKey",
        "UpdateIAmAlivetimeKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey",
    ];

    private static readonly string[] PersistenceKeys = ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    private static readonly string[] ReminderKeys =
    [
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_AppliesEveryEmbeddedScriptInNameOrder()
    {
        await using var database = await TestDatabase.CreateAsync("migr");
        var embedded = SchemaScript.LoadEmbedded().Select(s => s.Name).ToList();

        var report = await SchemaMigrator.MigrateAsync(database.ConnectionString);

        Assert.Equal(embedded, report.Applied);
        Assert.Empty(report.Skipped);
        Assert.False(report.DatabaseCreated, "the database existed, so the migrator must not report creating it");
        var keys = await ColumnAsync(database.ConnectionString, "SELECT QueryKey FROM OrleansQuery");
        Assert.Empty(ClusteringKeys.Concat(PersistenceKeys).Concat(ReminderKeys).Except(keys));
        Assert.DoesNotContain(keys, k => k.Contains("Metrics", StringComparison.Ordinal) || k.Contains("Statistic", StringComparison.Ordinal));
        Assert.Equal(embedded, await ColumnAsync(database.ConnectionString, $"SELECT script FROM {SchemaMigrator.MigrationsTable} ORDER BY script"));
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_SkipsEveryScript()
    {
        await using var database = await TestDatabase.CreateAsync("migr");
        await SchemaMigrator.MigrateAsync(database.ConnectionString);

        var second = await SchemaMigrator.MigrateAsync(database.ConnectionString);

        Assert.True(second.Applied.Count == 0, $"expected nothing applied on the second run, got {string.Join(", ", second.Applied)}");
        Assert.Equal(SchemaScript.LoadEmbedded().Count, second.Skipped.Count);
    }

    [Fact]
    public async Task MigrateAsync_ScriptsRunTwiceRegardlessOfRecords_AreIdempotent()
    {
        await using var database = await TestDatabase.CreateAsync("migr");
        await SchemaMigrator.MigrateAsync(database.ConnectionString);
        await ExecuteAsync(database.ConnectionString, $"DELETE FROM {SchemaMigrator.MigrationsTable}");

        var again = await SchemaMigrator.MigrateAsync(database.ConnectionString);

        Assert.Equal(SchemaScript.LoadEmbedded().Count, again.Applied.Count);
    }

    [Fact]
    public async Task MigrateAsync_ThreeConcurrentRuns_AllSucceedAndOnlyOneApplies()
    {
        await using var database = await TestDatabase.CreateAsync("migr");
        var count = SchemaScript.LoadEmbedded().Count;

        var reports = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => SchemaMigrator.MigrateAsync(database.ConnectionString))));

        var appliedCounts = reports.Select(r => r.Applied.Count).Order().ToList();
        Assert.True(appliedCounts.SequenceEqual([0, 0, count]), $"expected one run to apply all {count} scripts and two to skip, got applied counts [{string.Join(", ", appliedCounts)}]");
    }

    [Fact]
    public async Task MigrateAsync_MissingDatabaseThreeConcurrentRuns_ExactlyOneCreatesItWithBinaryCollation()
    {
        var name = $"sgt_migrnew_{Guid.NewGuid():N}";
        var connectionString = new MySqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Database = name }.ConnectionString;
        try
        {
            var reports = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => SchemaMigrator.MigrateAsync(connectionString))));

            var creators = reports.Count(r => r.DatabaseCreated);
            Assert.True(creators == 1, $"expected exactly one run to report creating the database, got {creators}");
            Assert.All(reports, r => Assert.Equal(name, r.Database));
            Assert.Equal(["utf8mb4_bin"], await ColumnAsync(connectionString, "SELECT @@collation_database"));
        }
        finally
        {
            await ExecuteAsync(TestDatabase.ServerConnectionString, $"DROP DATABASE IF EXISTS `{name}`");
        }
    }

    [Fact]
    public async Task MigrateAsync_ChangedScript_ReappliesItAndSkipsTheUnchanged()
    {
        await using var database = await TestDatabase.CreateAsync("migr");
        var stable = SchemaScript.Parse("100_stable.sql", "CREATE TABLE IF NOT EXISTS t_stable (id INT)");
        await SchemaMigrator.MigrateAsync(database.ConnectionString, [stable, SchemaScript.Parse("101_changing.sql", "CREATE TABLE IF NOT EXISTS t_one (id INT)")]);

        var report = await SchemaMigrator.MigrateAsync(
            database.ConnectionString,
            [stable, SchemaScript.Parse("101_changing.sql", "CREATE TABLE IF NOT EXISTS t_one (id INT)\n-- go\nCREATE TABLE IF NOT EXISTS t_two (id INT)")]);

        Assert.Equal([MigrationOutcome.Skipped, MigrationOutcome.Reapplied], report.Scripts.Select(s => s.Outcome));
        Assert.Equal(["t_two"], await ColumnAsync(database.ConnectionString, "SHOW TABLES LIKE 't_two'"));
    }

    [Fact]
    public async Task MigrateAsync_FailingStatement_NamesScriptStatementAndLineAndRecordsNothingForIt()
    {
        await using var database = await TestDatabase.CreateAsync("migr");
        var broken = SchemaScript.Parse("200_broken.sql", "CREATE TABLE IF NOT EXISTS t_ok (id INT)\n-- go\n\n-- the next line is wrong\nCREATE TABLE t_bad (id NOT_A_TYPE)\n");

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(() => SchemaMigrator.MigrateAsync(database.ConnectionString, [broken]));

        Assert.Contains("'200_broken.sql'", error.Message, StringComparison.Ordinal);
        Assert.Contains("statement 2 of 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("(line 5)", error.Message, StringComparison.Ordinal);
        Assert.True(error.Script == "200_broken.sql" && error.Statement == 2, $"expected script 200_broken.sql statement 2, got {error.Script} statement {error.Statement}");
        Assert.Empty(await ColumnAsync(database.ConnectionString, $"SELECT script FROM {SchemaMigrator.MigrationsTable}"));
    }

    [Fact]
    public async Task MigrateAsync_ConnectionStringWithoutDatabase_ThrowsArgumentException()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => SchemaMigrator.MigrateAsync(TestDatabase.ServerConnectionString));

        Assert.Contains("Database=", error.Message, StringComparison.Ordinal);
    }

    private static Task<List<string>> ColumnAsync(string connectionString, string sql) => SqlRows.ColumnAsync(connectionString, sql);

    private static async Task ExecuteAsync(string connectionString, string sql) => await SqlRows.QueryAsync(connectionString, sql);
}
