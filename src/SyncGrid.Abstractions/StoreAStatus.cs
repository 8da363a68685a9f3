using SyncGrid.Domain;

namespace SyncGrid.Abstractions;

/// <summary>A store A source's extraction as the API shows it under <c>sources</c>.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.StoreAStatus")]
public sealed record StoreAStatus
{
    /// <summary>The source name (the coordinator's key).</summary>
    [Id(0)]
    public required string Source { get; init; }

    /// <summary>Whether the coordinator is polling.</summary>
    [Id(1)]
    public bool Running { get; init; }

    /// <summary>One entry per table, in extraction order (companies, contacts).</summary>
    [Id(2)]
    public ValueList<StoreATableStatus> Tables { get; init; }
}
