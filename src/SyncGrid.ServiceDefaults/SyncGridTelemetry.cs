namespace SyncGrid.ServiceDefaults;

/// <summary>The meters SyncGrid exports and the tags that split its health checks.</summary>
public static class SyncGridTelemetry
{
    /// <summary>The meter every SyncGrid instrument lives on (each component creates its instruments on it).</summary>
    public const string MeterName = "SyncGrid";

    /// <summary>Orleans' meters: <c>Microsoft.Orleans</c> (messaging, catalog, scheduler, streams, …) and its storage meter.</summary>
    public const string OrleansMeters = "Microsoft.Orleans*";

    /// <summary>The health-check tag of the liveness checks (<c>/health/live</c>): the process answers.</summary>
    public const string LiveTag = "live";

    /// <summary>The health-check tag of the readiness checks (<c>/health/ready</c>): the cluster, MariaDB and Kafka answer.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Every meter exported: SyncGrid's, Orleans', the .NET runtime's (GC, thread pool, exceptions), ASP.NET Core's and
    /// Kestrel's (requests of the API), HttpClient's (calls to Bitrix24 and the register) and the health checks'.
    /// </summary>
    public static IReadOnlyList<string> Meters { get; } =
    [
        MeterName,
        OrleansMeters,
        "System.Runtime",
        "Microsoft.AspNetCore.*",
        "System.Net.Http",
        "System.Net.NameResolution",
        "Microsoft.Extensions.Diagnostics.HealthChecks",
        "Microsoft.Extensions.Diagnostics.ResourceMonitoring",
    ];
}
