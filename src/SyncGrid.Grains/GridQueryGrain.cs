using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.ReadModel;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Domain;

namespace SyncGrid.Grains;

/// <summary>
/// The silo's read model and rejects store for hosts outside the silo. A stateless worker: every silo answers from
/// its own container, which on MariaDB is the shared database and on the embedded default the silo's memory.
/// </summary>
[StatelessWorker]
public sealed class GridQueryGrain(IServiceProvider services) : Grain, IGridQueryGrain
{
    private IReadModelQueries ReadModel => services.GetService<IReadModelQueries>()
        ?? throw new InvalidOperationException("This silo has no read model (IReadModelQueries): register one with AddSyncGridInMemoryReadModel or AddSyncGridMariaDbReadModel.");

    private IRejectStore Rejects => services.GetService<IRejectStore>()
        ?? throw new InvalidOperationException("This silo has no rejects store (IRejectStore): register one with AddSyncGridInMemoryRejectStore or AddSyncGridMariaDbRejectStore.");

    /// <inheritdoc />
    public async Task<Dictionary<CompanySyncStatus, long>> CountCompaniesByStatusAsync(CancellationToken cancellationToken = default) =>
        new(await ReadModel.CountCompaniesByStatusAsync(cancellationToken));

    /// <inheritdoc />
    public async Task<ValueList<CompanyReadModelRow>> ListCompaniesAsync(CompanySyncStatus? status, string? afterTin, int limit, CancellationToken cancellationToken = default) =>
        new(await ReadModel.ListCompaniesAsync(status, afterTin, limit, cancellationToken));

    /// <inheritdoc />
    public async Task<ValueList<string>> ListContactsOfCompanyAsync(string tin, CancellationToken cancellationToken = default) =>
        new(await ReadModel.ListContactsOfCompanyAsync(tin, cancellationToken));

    /// <inheritdoc />
    public Task<long> CountContactsAsync(CancellationToken cancellationToken = default) => ReadModel.CountContactsAsync(cancellationToken);

    /// <inheritdoc />
    public Task RecordRejectsAsync(ValueList<RejectEntry> entries, CancellationToken cancellationToken = default) => Rejects.RecordAsync(entries, cancellationToken);

    /// <inheritdoc />
    public async Task<ValueList<RejectRow>> QueryRejectsAsync(RejectQuery query, CancellationToken cancellationToken = default) =>
        new(await Rejects.QueryAsync(query, cancellationToken));

    /// <inheritdoc />
    public async Task<Dictionary<string, long>> CountRejectsByReasonAsync(RejectQuery query, CancellationToken cancellationToken = default) =>
        new(await Rejects.CountByReasonAsync(query, cancellationToken), StringComparer.Ordinal);
}
