namespace SyncGrid.Abstractions.ReadModel;

/// <summary>Listing and counting from the read model (never from grains).</summary>
public interface IReadModelQueries
{
    /// <summary>Counts companies per status.</summary>
    Task<IReadOnlyDictionary<CompanySyncStatus, long>> CountCompaniesByStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>A page of companies, optionally of one status, ordered by TIN, starting after <paramref name="afterTin"/>.</summary>
    Task<IReadOnlyList<CompanyReadModelRow>> ListCompaniesAsync(CompanySyncStatus? status, string? afterTin, int limit, CancellationToken cancellationToken = default);

    /// <summary>The contact keys bound to a company.</summary>
    Task<IReadOnlyList<string>> ListContactsOfCompanyAsync(string tin, CancellationToken cancellationToken = default);

    /// <summary>How many distinct contacts are bound to at least one company.</summary>
    Task<long> CountContactsAsync(CancellationToken cancellationToken = default);
}
