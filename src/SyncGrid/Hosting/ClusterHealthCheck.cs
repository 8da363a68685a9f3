using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SyncGrid.Cli.Hosting;

/// <summary>
/// Readiness of the Orleans side of a process. In a silo: the silo is <see cref="SiloStatus.Active"/> in the cluster's
/// membership (not joining, not shutting down). In a client (<c>syncgrid api</c>): the cluster answers through a gateway
/// and reports at least one active silo.
/// </summary>
/// <param name="services">The host's services: a silo's or a client's.</param>
public sealed class ClusterHealthCheck(IServiceProvider services) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<ILocalSiloDetails>() is { } silo && services.GetService<IClusterMembershipService>() is { } membership)
        {
            var snapshot = membership.CurrentSnapshot;
            var status = snapshot.GetSiloStatus(silo.SiloAddress);
            var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
            var data = new Dictionary<string, object> { ["silo"] = silo.SiloAddress.ToString(), ["status"] = status.ToString(), ["activeSilos"] = active };
            return status == SiloStatus.Active
                ? HealthCheckResult.Healthy($"Silo {silo.SiloAddress} is active in cluster {silo.ClusterId}; {active} active silos.", data)
                : HealthCheckResult.Unhealthy(
                    status == SiloStatus.None
                        ? $"Silo {silo.SiloAddress} has not joined cluster {silo.ClusterId} yet."
                        : $"Silo {silo.SiloAddress} is {status}, not active in cluster {silo.ClusterId}.",
                    data: data);
        }

        if (services.GetService<IGrainFactory>() is not { } grains)
        {
            return HealthCheckResult.Unhealthy("This process is neither a silo nor a cluster client.");
        }

        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).WaitAsync(cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"The cluster answers: {hosts.Count} active silos.", new Dictionary<string, object> { ["activeSilos"] = hosts.Count })
                : HealthCheckResult.Unhealthy("The cluster answers but reports no active silo.");
        }
        catch (Exception ex) when (ex is OrleansException or InvalidOperationException or TimeoutException or ObjectDisposedException)
        {
            return HealthCheckResult.Unhealthy($"The cluster does not answer: {ex.Message}", ex);
        }
    }
}
