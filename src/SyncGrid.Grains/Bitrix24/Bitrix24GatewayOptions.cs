using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Grains.Bitrix24;

/// <summary>The gateway's view of the portal's limits (bound from the <c>Bitrix24</c> section).</summary>
public sealed class Bitrix24GatewayOptions
{
    /// <summary>The portal's leaky-bucket burst (X). Default 50.</summary>
    [Range(1, 10_000)]
    public int BurstLimit { get; set; } = 50;

    /// <summary>The portal's leaky-bucket drain (Y, requests per second). Default 2.</summary>
    [Range(0.01, 1_000)]
    public double DrainPerSecond { get; set; } = 2;

    /// <summary>Commands per batch (at most 50). Default 50.</summary>
    [Range(1, 50)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Batch requests in flight at once. Default 2.</summary>
    [Range(1, 16)]
    public int MaxInFlight { get; set; } = 2;

    /// <summary>
    /// How long a batch that is not full waits for more commands before it is sent (each request costs the same
    /// against the limit whatever it holds). Default 200 ms.
    /// </summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a method stays held back after OPERATION_TIME_LIMIT when the portal gives no reset time. Default 60 s.</summary>
    public TimeSpan OperatingBlockFallback { get; set; } = TimeSpan.FromSeconds(60);
}
