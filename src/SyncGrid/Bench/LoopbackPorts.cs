using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SyncGrid.Cli.Bench;

/// <summary>Free loopback ports for in-process silos of the benchmarks.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port that was free a moment ago, as configuration text.</summary>
    public static string Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
