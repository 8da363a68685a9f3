using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace SyncGrid.IntegrationTests.Sql;

/// <summary>
/// Configures each test silo with SyncGrid's MariaDB clustering, reminders and grain storage "adonet". The connection
/// string arrives through the test cluster's configuration, because configurators must be parameterless.
/// </summary>
public sealed class MariaDbSiloConfigurator : ISiloConfigurator
{
    /// <summary>The configuration key the test puts the database connection string under.</summary>
    public const string ConnectionStringKey = "SyncGridTest:MariaDb";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[ConnectionStringKey]
            ?? throw new InvalidOperationException($"The test cluster has no '{ConnectionStringKey}' property.");
        siloBuilder
            .UseSyncGridMariaDbClustering(connectionString)
            .UseSyncGridMariaDbReminders(connectionString)
            .AddSyncGridAdoNetGrainStorage("adonet", connectionString)
            .Configure<ClusterMembershipOptions>(options =>
            {
                // Fast failure detection, so the killed silo is declared dead within a few seconds.
                options.ProbeTimeout = TimeSpan.FromSeconds(1);
                options.NumMissedProbesLimit = 2;
                options.NumVotesForDeathDeclaration = 1;
                options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
    }
}
