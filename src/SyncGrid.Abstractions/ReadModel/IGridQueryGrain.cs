using SyncGrid.Abstractions.Rejects;
using SyncGrid.Domain;

namespace SyncGrid.Abstractions.ReadModel;

/// <summary>
/// The silo's read model and rejects store, reachable through the cluster (a stateless worker, key 0): for hosts
/// outside the silo that cannot reach them directly, such as <c>syncgrid api</c> on the embedded default, whose read
/// model lives in the silo's memory.
/// </summary>
[Alias("SyncGrid.Abstractions.IGridQueryGrain")]
public interface IGridQueryGrain : IGrainWithIntegerKey
{
    /// <summary>See <see cref="IReadModelQueries.CountCompaniesByStatusAsync"/>.</summary>
    [Alias("CountCompaniesByStatus")]
    Task<Dictionary<CompanySyncStatus, long>> CountCompaniesByStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>See <see cref="IReadModelQueries.ListCompaniesAsync"/>.</summary>
    [Alias("ListCompanies")]
    Task<ValueList<CompanyReadModelRow>> ListCompaniesAsync(CompanySyncStatus? status, string? afterTin, int limit, CancellationToken cancellationToken = default);

    /// <summary>See <see cref="IReadModelQueries.ListContactsOfCompanyAsync"/>.</summary>
    [Alias("ListContactsOfCompany")]
    Task<ValueList<string>> ListContactsOfCompanyAsync(string tin, CancellationToken cancellationToken = default);

    /// <summary>See <see cref="IReadModelQueries.CountContactsAsync"/>.</summary>
    [Alias("CountContacts")]
    Task<long> CountContactsAsync(CancellationToken cancellationToken = default);

    /// <summary>See <see cref="IRejectStore.RecordAsync"/>.</summary>
    [Alias("RecordRejects")]
    Task RecordRejectsAsync(ValueList<RejectEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>See <see cref="IRejectStore.QueryAsync"/>.</summary>
    [Alias("QueryRejects")]
    Task<ValueList<RejectRow>> QueryRejectsAsync(RejectQuery query, CancellationToken cancellationToken = default);

    /// <summary>See <see cref="IRejectStore.CountByReasonAsync"/>.</summary>
    [Alias("CountRejectsByReason")]
    Task<Dictionary<string, long>> CountRejectsByReasonAsync(RejectQuery query, CancellationToken cancellationToken = default);
}
