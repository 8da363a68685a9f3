using Orleans.Serialization;
using Orleans.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Orleans clustering, reminders and grain storage on MariaDB through Orleans' ADO.NET providers and the query
/// texts that SyncGrid's schema scripts store in <c>OrleansQuery</c> (run <c>syncgrid db migrate</c> or
/// <see cref="SyncGrid.Storage.Schema.SchemaMigrator"/> first). Every provider is given the MySqlConnector invariant.
/// </summary>
/// <remarks>
/// Cap <c>Maximum Pool Size</c> in the connection string (about 20 per silo) below the server's <c>max_connections</c>
/// divided by the number of silos: every concurrent storage call holds a connection, and clustering, reminders and
/// storage share one pool when their connection strings are identical.
/// </remarks>
public static class MariaDbOrleansExtensions
{
    /// <summary>
    /// The ADO.NET invariant that makes Orleans load MySqlConnector's factory. Orleans defaults to SQL Server, and
    /// <c>MySql.Data.MySqlClient</c> would mean Oracle's MySql.Data package instead.
    /// </summary>
    public const string Invariant = "MySql.Data.MySqlConnector";

    /// <summary>Silo membership in the MariaDB tables of <c>001_orleans_clustering.sql</c>.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="connectionString">The MariaDB connection string, database included.</param>
    public static ISiloBuilder UseSyncGridMariaDbClustering(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseAdoNetClustering(options => (options.Invariant, options.ConnectionString) = (Invariant, connectionString));
    }

    /// <summary>The client's gateway list, read from the MariaDB membership table (active silos with a gateway port).</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="connectionString">The MariaDB connection string, database included.</param>
    public static IClientBuilder UseSyncGridMariaDbClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseAdoNetClustering(options => (options.Invariant, options.ConnectionString) = (Invariant, connectionString));
    }

    /// <summary>Reminders in the MariaDB table of <c>003_orleans_reminders.sql</c>.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="connectionString">The MariaDB connection string, database included.</param>
    public static ISiloBuilder UseSyncGridMariaDbReminders(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseAdoNetReminderService(options => (options.Invariant, options.ConnectionString) = (Invariant, connectionString));
    }

    /// <summary>
    /// A named grain storage in the MariaDB table of <c>002_orleans_persistence.sql</c>, for
    /// <c>[PersistentState("state-name", name)]</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The payload is written with the <b>Orleans binary serializer</b> (<see cref="OrleansGrainStorageSerializer"/>),
    /// chosen deliberately instead of the provider's default Newtonsoft JSON with assembly-qualified <c>$type</c>
    /// names: SyncGrid's state types already carry <c>[GenerateSerializer]</c>, <c>[Alias]</c> and <c>[Id]</c>, so a
    /// state type can be renamed or moved (its alias stays) and gain members at the end without breaking stored
    /// state, and <c>byte[]</c> members are not inflated by base64. The price: payloads are not readable in SQL,
    /// and a state type without <c>[GenerateSerializer]</c> cannot be stored. Never renumber or reuse an <c>[Id]</c>.
    /// </para>
    /// <para>
    /// The state name is the stored grain type, so it must be unique across grain classes; clearing keeps the row
    /// with a NULL payload and bumps its version.
    /// </para>
    /// </remarks>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The storage provider name used in <c>[PersistentState]</c>.</param>
    /// <param name="connectionString">The MariaDB connection string, database included.</param>
    public static ISiloBuilder AddSyncGridAdoNetGrainStorage(this ISiloBuilder builder, string name, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.AddAdoNetGrainStorage(name, optionsBuilder => optionsBuilder.Configure<Serializer>((options, serializer) =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
    }

    /// <summary>
    /// Memory grain storage (the embedded default and the tests) with the same Orleans binary serializer as the
    /// MariaDB storages, so state behaves the same whichever backs it.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The storage provider name used in <c>[PersistentState]</c>.</param>
    public static ISiloBuilder AddSyncGridMemoryGrainStorage(this ISiloBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.AddMemoryGrainStorage(name, optionsBuilder => optionsBuilder.Configure<Serializer>((options, serializer) =>
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
    }
}
