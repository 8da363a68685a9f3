namespace SyncGrid.Cli.Hosting;

/// <summary>
/// Orleans' experimental automatic activation movement, off unless configured: the activation repartitioner
/// (<c>Grid:ActivationRepartitioning</c>, ORLEANSEXP001) co-locates grains that call each other while keeping activation
/// counts even; the activation rebalancer (<c>Grid:ActivationRebalancing</c>, ORLEANSEXP002) migrates activations to even
/// out activation counts and memory across silos. Neither moves stream queues (the queue balancer does). Every silo of a
/// cluster should have the same settings.
/// </summary>
public static class ActivationBalancing
{
    /// <summary>Adds what <paramref name="options"/> turns on.</summary>
    public static ISiloBuilder Configure(ISiloBuilder silo, GridOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
#pragma warning disable ORLEANSEXP001 // Experimental: enabled only by configuration, and documented as such.
        if (options.ActivationRepartitioning)
        {
            silo.AddActivationRepartitioner();
        }
#pragma warning restore ORLEANSEXP001

#pragma warning disable ORLEANSEXP002 // Experimental: enabled only by configuration, and documented as such.
        if (options.ActivationRebalancing)
        {
            silo.AddActivationRebalancer();
        }
#pragma warning restore ORLEANSEXP002

        return silo;
    }
}
