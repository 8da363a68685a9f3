using SyncGrid.Domain.Identifiers;

namespace SyncGrid.Domain.Register;

/// <summary>The state register port: finds a company by its TIN (and, for a branch, its KPP).</summary>
public interface IRegisterClient
{
    /// <summary>
    /// Looks up one company. Never throws for register answers or outages: those are <see cref="RegisterLookup"/> cases.
    /// Throws <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<RegisterLookup> FindPartyAsync(Tin tin, Kpp? kpp, CancellationToken cancellationToken);
}
