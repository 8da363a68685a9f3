using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SyncGrid.Storage.Schema;
using SyncGrid.Testing;

namespace SyncGrid.IntegrationTests.Sql;

/// <summary>
/// Two real silos on SyncGrid's MariaDB schema: ADO.NET clustering, grain storage and reminders, end to end.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OrleansClusterTests
{
    private const int DeadStatus = 6;

    [Fact]
    public async Task KillSiloAsync_SiloHostingPersistentGrain_StateSurvivesOnOtherSiloAndTableMarksSiloDead()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        await using var database = await TestDatabase.CreateAsync("cluster");
        await SchemaMigrator.MigrateAsync(database.ConnectionString, cancellationToken: timeout.Token);
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[MariaDbSiloConfigurator.ConnectionStringKey] = database.ConnectionString;
        builder.AddSiloBuilderConfigurator<MariaDbSiloConfigurator>();
        builder.AddClientBuilderConfigurator<MariaDbClientConfigurator>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync(timeout.Token);

        var grain = cluster.Client.GetGrain<ISqlTestCounterGrain>("restart-test");
        await grain.IncrementAsync();
        await grain.IncrementAsync();
        var before = await grain.IncrementAsync();
        await grain.RegisterReminderAsync("sqltest-tick");
        var host = cluster.Silos.Single(s => s.SiloAddress.Equals(before.Silo));
        var survivor = cluster.Silos.Single(s => !s.SiloAddress.Equals(before.Silo));

        await cluster.KillSiloAsync(host);
        await WaitUntilDeclaredDeadAsync(cluster, survivor.SiloAddress, host.SiloAddress, timeout.Token);
        var after = await grain.IncrementAsync();
        var reminderKnown = await grain.HasReminderAsync("sqltest-tick");

        Assert.True(before.Value == 3, $"expected 3 before the kill, got {before.Value}");
        Assert.True(after.Value == 4, $"expected the stored 3 to survive the kill and become 4, got {after.Value}");
        Assert.True(after.Silo.Equals(survivor.SiloAddress), $"expected the grain reactivated on {survivor.SiloAddress}, got {after.Silo}");
        Assert.True(reminderKnown, "expected the reminder registered before the kill to be read back from MariaDB after it");
        var status = await DeadSiloStatusAsync(database.ConnectionString, cluster.Options.ClusterId, host.SiloAddress);
        Assert.True(status == DeadStatus, $"expected membership Status {DeadStatus} for killed silo {host.SiloAddress}, got {status?.ToString(CultureInfo.InvariantCulture) ?? "no row"}");
        var (version, payload) = await StoredCounterAsync(database.ConnectionString, cluster.Options.ServiceId);
        Assert.True(version == 4, $"expected the stored row at Version 4 after four writes, got {version}");
        Assert.True(payload.Length > 0 && payload[0] != (byte)'{', "expected an Orleans binary payload, not JSON");
    }

    // The survivor writes the death to the table before its own view changes, so its view is the signal to wait for.
    private static async Task WaitUntilDeclaredDeadAsync(TestCluster cluster, SiloAddress observer, SiloAddress dead, CancellationToken cancellationToken)
    {
        var membership = cluster.GetSiloServiceProvider(observer).GetRequiredService<IClusterMembershipService>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                if (snapshot.GetSiloStatus(dead) == SiloStatus.Dead)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"expected {observer} to declare killed silo {dead} dead before the timeout; its view: {membership.CurrentSnapshot.GetSiloStatus(dead)}");
        }
    }

    private static async Task<(int Version, byte[] Payload)> StoredCounterAsync(string connectionString, string serviceId)
    {
        var rows = await SqlRows.QueryAsync(
            connectionString,
            "SELECT Version, PayloadBinary FROM orleans_grain_state WHERE ServiceId = @service AND GrainTypeString = 'sqltest-counter' AND GrainIdExtensionString = 'restart-test'",
            ("@service", serviceId));
        Assert.True(rows.Count == 1, $"expected one stored row for state 'sqltest-counter' of grain 'restart-test', got {rows.Count}");
        return (Convert.ToInt32(rows[0]["Version"], CultureInfo.InvariantCulture), (byte[])rows[0]["PayloadBinary"]!);
    }

    private static async Task<int?> DeadSiloStatusAsync(string connectionString, string clusterId, SiloAddress silo)
    {
        var statuses = await SqlRows.ColumnAsync(
            connectionString,
            "SELECT Status FROM orleans_membership WHERE DeploymentId = @cluster AND Address = @address AND Port = @port AND Generation = @generation",
            ("@cluster", clusterId), ("@address", silo.Endpoint.Address.ToString()), ("@port", silo.Endpoint.Port), ("@generation", silo.Generation));
        return statuses.Count == 1 ? int.Parse(statuses[0], CultureInfo.InvariantCulture) : null;
    }
}
