namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>Cloud plan presets for the request-rate (leaky bucket) limit.</summary>
public enum Bitrix24Plan
{
    /// <summary>All paid plans below Enterprise: burst 50, drain 2 requests per second.</summary>
    Standard,

    /// <summary>Enterprise: burst 250, drain 5 requests per second.</summary>
    Enterprise,
}
