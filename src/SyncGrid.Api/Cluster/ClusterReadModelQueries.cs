using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;

namespace SyncGrid.Api.Cluster;

/// <summary>The silo's read model through <see cref="IGridQueryGrain"/>, for an API host that cannot reach it directly.</summary>
public sealed class ClusterReadModelQueries(IGrainFactory grains) : IReadModelQueries
{
    private IGridQueryGrain Grain => grains.GetGrain<IGridQueryGrain>(0);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<CompanySyncStatus, long>> CountCompaniesByStatusAsync(CancellationToken cancellationToken = default) =>
        await Grain.CountCompaniesByStatusAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<CompanyReadModelRow>> ListCompaniesAsync(CompanySyncStatus? status, string? afterTin, int limit, CancellationToken cancellationToken = default) =>
        await Grain.ListCompaniesAsync(status, afterTin, limit, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListContactsOfCompanyAsync(string tin, CancellationToken cancellationToken = default) =>
        await Grain.ListContactsOfCompanyAsync(tin, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountContactsAsync(CancellationToken cancellationToken = default) => Grain.CountContactsAsync(cancellationToken);
}
