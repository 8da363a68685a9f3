using System.Globalization;

namespace SyncGrid.IntegrationTests.Sql;

/// <summary>The nine clustering query keys, run as Orleans runs them against the migrated schema.</summary>
[Trait("Category", "Integration")]
public sealed class ClusteringContractTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private const int Active = 3;
    private const int Joining = 2;
    private const int Dead = 6;
    private static readonly DateTime Start = new(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

    private readonly string _deploymentId = $"cluster-{Guid.NewGuid():N}";

    [Fact]
    public async Task InsertMembershipVersion_FirstAndSecondCall_ReturnsTrueThenFalse()
    {
        var first = await db.RunBooleanAsync("InsertMembershipVersionKey", ("DeploymentId", _deploymentId));
        var second = await db.RunBooleanAsync("InsertMembershipVersionKey", ("DeploymentId", _deploymentId));

        Assert.True(first && !second, $"expected true then false, got {first} then {second}");
    }

    [Fact]
    public async Task MembershipReadAll_NoSilos_ReturnsOnlyTheVersionRowWithNullStartTime()
    {
        await InitAsync();

        var rows = await ReadAllAsync();

        var row = Assert.Single(rows);
        Assert.True(row["StartTime"] is null, $"expected NULL StartTime on the version row, got {row["StartTime"]}");
        Assert.Equal(0, Int(row["Version"]));
        foreach (var column in new[] { "Address", "Port", "Generation", "SiloName", "HostName", "Status", "ProxyPort", "SuspectTimes", "IAmAliveTime" })
        {
            Assert.True(row.ContainsKey(column), $"expected column {column} in the read, got {string.Join(", ", row.Keys)}");
        }
    }

    [Fact]
    public async Task InsertMembership_MatchingVersion_InsertsSiloAndBumpsVersion()
    {
        await InitAsync();

        var inserted = await InsertAsync("10.0.0.1", 11111, 1, version: 0, Active, proxyPort: 30000);

        Assert.True(inserted, "expected the insert with the current version 0 to succeed");
        var row = Assert.Single(await ReadAllAsync());
        Assert.Equal(1, Int(row["Version"]));
        Assert.Equal("10.0.0.1", row["Address"]);
        Assert.Equal(11111, Int(row["Port"]));
        Assert.Equal(1, Int(row["Generation"]));
        Assert.Equal("silo-11111", row["SiloName"]);
        Assert.Equal("host-a", row["HostName"]);
        Assert.Equal(Active, Int(row["Status"]));
        Assert.Equal(30000, Int(row["ProxyPort"]));
        Assert.Equal(Start, DateTime.SpecifyKind((DateTime)row["StartTime"]!, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("10.0.0.2", 0)] // another silo, but the version read before the first insert
    [InlineData("10.0.0.1", 1)] // the current version, but the silo is already in the table
    public async Task InsertMembership_StaleVersionOrExistingSilo_ReturnsFalseAndChangesNothing(string address, int version)
    {
        await InitAsync();
        await InsertAsync("10.0.0.1", 11111, 1, version: 0, Active, 30000);

        var inserted = await InsertAsync(address, 11111, 1, version, Joining, 30000);

        Assert.False(inserted, $"expected inserting {address} with version {version} to fail");
        var rows = await ReadAllAsync();
        Assert.True(
            rows.Count == 1 && (string?)rows[0]["Address"] == "10.0.0.1" && Int(rows[0]["Version"]) == 1 && Int(rows[0]["Status"]) == Active,
            $"expected only 10.0.0.1, status 3, at version 1; got {rows.Count} rows, first {rows[0]["Address"]} status {rows[0]["Status"]} at {rows[0]["Version"]}");
    }

    [Fact]
    public async Task UpdateMembership_MatchingVersion_UpdatesSiloAndBumpsVersion()
    {
        await InitAsync();
        await InsertAsync("10.0.0.1", 11111, 1, version: 0, Active, 30000);
        var suspect = "S10.0.0.2:11111:1,2026-01-02 03:04:06.000 GMT";

        var updated = await UpdateAsync("10.0.0.1", 11111, 1, version: 1, Dead, suspect);

        Assert.True(updated, "expected the update with the current version 1 to succeed");
        var row = Assert.Single(await ReadAllAsync());
        Assert.True(Int(row["Version"]) == 2 && Int(row["Status"]) == Dead && (string?)row["SuspectTimes"] == suspect,
            $"expected version 2, status 6 and the suspect times, got {row["Version"]}, {row["Status"]}, {row["SuspectTimes"]}");
    }

    [Fact]
    public async Task UpdateMembership_StaleVersion_ReturnsFalseAndChangesNothing()
    {
        await InitAsync();
        await InsertAsync("10.0.0.1", 11111, 1, version: 0, Active, 30000);

        var updated = await UpdateAsync("10.0.0.1", 11111, 1, version: 0, Dead, null);

        Assert.False(updated, "expected the update with stale version 0 to fail");
        var row = Assert.Single(await ReadAllAsync());
        Assert.True(Int(row["Version"]) == 1 && Int(row["Status"]) == Active, $"expected version 1 and status 3, got {row["Version"]} and {row["Status"]}");
    }

    [Fact]
    public async Task UpdateMembership_UnknownSilo_ReturnsFalseAndKeepsVersion()
    {
        await InitAsync();

        var updated = await UpdateAsync("10.9.9.9", 1, 1, version: 0, Dead, null);

        Assert.False(updated, "expected an update of a silo that is not in the table to fail");
        Assert.Equal(0, Int(Assert.Single(await ReadAllAsync())["Version"]));
    }

    [Fact]
    public async Task MembershipReadRow_KnownAndUnknownSilo_ReturnsItsRowOrJustTheVersionRow()
    {
        await InitAsync();
        await InsertAsync("10.0.0.1", 11111, 1, version: 0, Active, 30000);
        await InsertAsync("10.0.0.2", 11111, 1, version: 1, Active, 30000);

        var known = await db.RunAsync("MembershipReadRowKey", ("DeploymentId", _deploymentId), ("Address", "10.0.0.2"), ("Port", 11111), ("Generation", 1));
        var unknown = await db.RunAsync("MembershipReadRowKey", ("DeploymentId", _deploymentId), ("Address", "10.0.0.2"), ("Port", 11111), ("Generation", 2));

        var row = Assert.Single(known);
        Assert.True((string?)row["Address"] == "10.0.0.2" && Int(row["Version"]) == 2, $"expected silo 10.0.0.2 at version 2, got {row["Address"]} at {row["Version"]}");
        var versionRow = Assert.Single(unknown);
        Assert.True(versionRow["StartTime"] is null && Int(versionRow["Version"]) == 2, $"expected the version row only (NULL StartTime, version 2), got {versionRow["StartTime"]} at {versionRow["Version"]}");
    }

    [Fact]
    public async Task GatewaysQuery_ActiveStatus_ReturnsOnlyActiveSilosWithAProxyPort()
    {
        await InitAsync();
        await InsertAsync("10.0.0.1", 11111, 1, version: 0, Active, proxyPort: 30000);
        await InsertAsync("10.0.0.2", 11111, 1, version: 1, Active, proxyPort: 0);
        await InsertAsync("10.0.0.3", 11111, 1, version: 2, Joining, proxyPort: 30000);
        await InsertAsync("10.0.0.4", 11111, 1, version: 3, Dead, proxyPort: 30000);

        var rows = await db.RunAsync("GatewaysQueryKey", ("DeploymentId", _deploymentId), ("Status", Active));

        var row = Assert.Single(rows);
        Assert.True((string?)row["Address"] == "10.0.0.1" && Int(row["ProxyPort"]) == 30000 && Int(row["Generation"]) == 1,
            $"expected gateway 10.0.0.1:30000 generation 1, got {row["Address"]}:{row["ProxyPort"]} generation {row["Generation"]}");
    }

    [Fact]
    public async Task UpdateIAmAliveTime_KnownSilo_ChangesOnlyIAmAliveTime()
    {
        await InitAsync();
        await InsertAsync("10.0.0.1", 11111, 1, version: 0, Active, 30000);
        var alive = Start.AddMinutes(5);

        await db.RunAsync("UpdateIAmAlivetimeKey", ("DeploymentId", _deploymentId), ("Address", "10.0.0.1"), ("Port", 11111), ("Generation", 1), ("IAmAliveTime", alive));

        var row = Assert.Single(await ReadAllAsync());
        Assert.True((DateTime)row["IAmAliveTime"]! == alive && Int(row["Version"]) == 1, $"expected IAmAliveTime {alive:O} at version 1, got {row["IAmAliveTime"]} at {row["Version"]}");
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_OldRows_DeletesOnlyThoseNotActive()
    {
        await InitAsync();
        await InsertAsync("10.0.0.1", 11111, 1, version: 0, Active, 30000);
        await InsertAsync("10.0.0.2", 11111, 1, version: 1, Dead, 30000);

        await db.RunAsync("CleanupDefunctSiloEntriesKey", ("DeploymentId", _deploymentId), ("IAmAliveTime", Start.AddDays(1)));

        var row = Assert.Single(await ReadAllAsync());
        Assert.Equal("10.0.0.1", row["Address"]);
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_Cluster_RemovesSilosAndVersionRow()
    {
        await InitAsync();
        await InsertAsync("10.0.0.1", 11111, 1, version: 0, Active, 30000);

        await db.RunAsync("DeleteMembershipTableEntriesKey", ("DeploymentId", _deploymentId));

        var rows = await ReadAllAsync();
        Assert.True(rows.Count == 0, $"expected no rows left for the cluster, got {rows.Count}");
    }

    private async Task InitAsync() => Assert.True(await db.RunBooleanAsync("InsertMembershipVersionKey", ("DeploymentId", _deploymentId)), "expected a new version row");

    private Task<List<Dictionary<string, object?>>> ReadAllAsync() => db.RunAsync("MembershipReadAllKey", ("DeploymentId", _deploymentId));

    private Task<bool> InsertAsync(string address, int port, int generation, int version, int status, int proxyPort) =>
        db.RunBooleanAsync(
            "InsertMembershipKey",
            ("DeploymentId", _deploymentId), ("Address", address), ("Port", port), ("Generation", generation), ("Version", version),
            ("SiloName", $"silo-{port}"), ("HostName", "host-a"), ("Status", status), ("ProxyPort", proxyPort), ("StartTime", Start), ("IAmAliveTime", Start));

    private Task<bool> UpdateAsync(string address, int port, int generation, int version, int status, string? suspectTimes) =>
        db.RunBooleanAsync(
            "UpdateMembershipKey",
            ("DeploymentId", _deploymentId), ("Address", address), ("Port", port), ("Generation", generation), ("Version", version),
            ("Status", status), ("SuspectTimes", suspectTimes), ("IAmAliveTime", Start.AddSeconds(1)));

    private static int Int(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);
}
