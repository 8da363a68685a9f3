using SyncGrid.Abstractions;
using SyncGrid.Domain.Records;

namespace SyncGrid.Grains;

/// <summary>The persisted state of one contact link shard.</summary>
[GenerateSerializer, Alias("SyncGrid.Grains.ContactLinksState")]
public sealed class ContactLinksState
{
    [Id(0)]
    public Dictionary<SourceKey, ContactLink> Links { get; set; } = [];
}
