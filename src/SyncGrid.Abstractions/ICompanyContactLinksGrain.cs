using SyncGrid.Domain;
using SyncGrid.Domain.Records;

namespace SyncGrid.Abstractions;

/// <summary>
/// One shard of a large company's contact links, keyed <c>{tin}/{shard}</c>. A company keeps its links inline while
/// they are few and spreads them over these shards when they grow, so that no state blob grows with the number of
/// contacts.
/// </summary>
[Alias("SyncGrid.Abstractions.ICompanyContactLinksGrain")]
public interface ICompanyContactLinksGrain : IGrainWithStringKey
{
    /// <summary>Upserts and removes links; returns the links they replaced or removed.</summary>
    [Alias("Apply")]
    Task<ValueList<ContactLink>> ApplyAsync(ValueList<ContactLink> upserts, ValueList<SourceKey> removals, CancellationToken cancellationToken = default);

    /// <summary>Links delivered by a company source record (for withdrawing them) or, with <see langword="null"/>, all links.</summary>
    [Alias("GetLinks")]
    Task<ValueList<ContactLink>> GetLinksAsync(SourceKey? parent, CancellationToken cancellationToken = default);
}
