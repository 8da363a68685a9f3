using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Cli.Hosting;

/// <summary>The <c>Grid</c> configuration section: how a silo joins its cluster.</summary>
public sealed class GridOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Grid";

    /// <summary>The cluster's id: silos with the same id form one cluster. Default <c>syncgrid</c>.</summary>
    [Required]
    public string ClusterId { get; set; } = "syncgrid";

    /// <summary>The service's id: grain state and reminders belong to it across cluster redeployments. Default <c>syncgrid</c>.</summary>
    [Required]
    public string ServiceId { get; set; } = "syncgrid";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port. Default 30000.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at. Default: loopback with the embedded default, else the host's first address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Whether <c>syncgrid silo</c> applies the MariaDB schema before it starts. Default true.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Most grain states the batched grain storage reads or writes per statement. Default 200.</summary>
    [Range(1, 2000)]
    public int StorageBatchSize { get; set; } = 200;

    /// <summary>How many storage batches run at once. Default 4.</summary>
    [Range(1, 64)]
    public int StorageConcurrency { get; set; } = 4;

    /// <summary>
    /// Whether Orleans' activation repartitioner runs (experimental in Orleans 10, ORLEANSEXP001): it moves activations
    /// that call each other onto the same silo while keeping activation counts even. Default false.
    /// </summary>
    public bool ActivationRepartitioning { get; set; }

    /// <summary>
    /// Whether Orleans' activation rebalancer runs (experimental in Orleans 10, ORLEANSEXP002): a cluster-wide worker
    /// migrates activations to even out activation counts and memory across silos. Default false.
    /// </summary>
    public bool ActivationRebalancing { get; set; }
}
