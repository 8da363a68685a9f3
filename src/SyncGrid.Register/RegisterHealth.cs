namespace SyncGrid.Register;

/// <summary>
/// The process-wide stop switch of the register client. A 400, 401 or 403 trips it; from then on every lookup is
/// refused without a request, so a bad key or an exhausted quota never burns more of the quota. It is reset by a
/// configuration change, a restart or <see cref="Reset"/>. The API shows <see cref="Current"/>.
/// </summary>
public sealed class RegisterHealth(TimeProvider time)
{
    private RegisterHealthState _state = RegisterHealthState.Healthy;

    /// <summary>The current state.</summary>
    public RegisterHealthState Current => Volatile.Read(ref _state);

    /// <summary>Whether lookups are stopped.</summary>
    public bool IsStopped => Current.IsStopped;

    /// <summary>Stops lookups. Returns <see langword="true"/> only for the call that stopped them (so one alert is raised).</summary>
    public bool Trip(string reason)
    {
        var stopped = new RegisterHealthState(true, reason, time.GetUtcNow());
        while (true)
        {
            var current = Volatile.Read(ref _state);
            if (current.IsStopped)
            {
                return false;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _state, stopped, current), current))
            {
                return true;
            }
        }
    }

    /// <summary>Lets lookups go out again (after the key or the plan was fixed).</summary>
    public void Reset() => Volatile.Write(ref _state, RegisterHealthState.Healthy);
}
