using SyncGrid.Abstractions;
using SyncGrid.Domain.Records;

namespace SyncGrid.Grains;

/// <summary>
/// The persisted state of a company grain. Only source facts and decisions are stored; the merged view is derived
/// from <see cref="Records"/> on activation. Its size grows with the number of source records of the company (a
/// handful) and, while below <see cref="CompanyGrain.InlineLinkLimit"/>, with its contact links; beyond that the links
/// live in <see cref="ICompanyContactLinksGrain"/> shards.
/// </summary>
[GenerateSerializer, Alias("SyncGrid.Grains.CompanyState")]
public sealed class CompanyState
{
    /// <summary>The latest version of every company source record, deleted ones included.</summary>
    [Id(0)]
    public Dictionary<SourceKey, StoredCompanyRecord> Records { get; set; } = [];

    [Id(1)]
    public CompanySyncStatus Status { get; set; }

    [Id(2)]
    public string? StatusReason { get; set; }

    /// <summary>The last status changes, newest last, at most <see cref="CompanyGrain.HistoryLimit"/>.</summary>
    [Id(3)]
    public List<StatusChange> History { get; set; } = [];

    /// <summary>Contact links kept inline while <see cref="LinkShards"/> is 0.</summary>
    [Id(4)]
    public Dictionary<SourceKey, ContactLink> Links { get; set; } = [];

    /// <summary>0 while links are inline; otherwise how many link shard grains hold them.</summary>
    [Id(5)]
    public int LinkShards { get; set; }

    /// <summary>How many times this state was written; the read model's row version.</summary>
    [Id(6)]
    public long Version { get; set; }
}
