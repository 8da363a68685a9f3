using SyncGrid.Abstractions;
using SyncGrid.Domain.Register;
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

    /// <summary>The company's entities in Bitrix24.</summary>
    [Id(7)]
    public CompanyBitrix24State Bitrix24 { get; set; } = new();

    /// <summary>The register's last answer about the company, reused while it is valid.</summary>
    [Id(8)]
    public RegisterVerdict? Verdict { get; set; }

    /// <summary>When the register last answered that it does not know the company.</summary>
    [Id(9)]
    public DateTimeOffset? NotFoundAt { get; set; }

    /// <summary>Register lookups that got no answer since the last one that did.</summary>
    [Id(10)]
    public int ValidationAttempts { get; set; }

    /// <summary>Not before this time is the pending work (a lookup or a push) tried again.</summary>
    [Id(11)]
    public DateTimeOffset? NextAttemptAt { get; set; }
}
