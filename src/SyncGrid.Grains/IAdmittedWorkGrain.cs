namespace SyncGrid.Grains;

/// <summary>A grain whose background work waits for its turn outside the grain (see <see cref="WorkAdmission"/>).</summary>
[Alias("SyncGrid.Grains.IAdmittedWorkGrain")]
public interface IAdmittedWorkGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs the background work named <paramref name="work"/> now: it has its turn. The caller holds the turn until the
    /// call ends, so the timeout is that of the longest push (its retries included), not Orleans' default.
    /// </summary>
    [Alias("RunAdmittedWork")]
    [ResponseTimeout("00:10:00")]
    Task RunAdmittedWorkAsync(string work);
}
