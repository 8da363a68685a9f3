namespace SyncGrid.Register;

/// <summary>Whether the register client may send lookups.</summary>
/// <param name="IsStopped">Lookups are stopped after a 400, 401 or 403.</param>
/// <param name="Reason">Why lookups stopped; <see langword="null"/> while healthy.</param>
/// <param name="Since">When lookups stopped; <see langword="null"/> while healthy.</param>
public sealed record RegisterHealthState(bool IsStopped, string? Reason, DateTimeOffset? Since)
{
    /// <summary>Lookups go out.</summary>
    public static RegisterHealthState Healthy { get; } = new(false, null, null);
}
