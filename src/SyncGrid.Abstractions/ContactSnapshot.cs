using SyncGrid.Domain;
using SyncGrid.Domain.Merge;
using SyncGrid.Domain.Records;

namespace SyncGrid.Abstractions;

/// <summary>A contact's merged state.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.ContactSnapshot")]
public sealed record ContactSnapshot
{
    [Id(0)]
    public required ContactKey Key { get; init; }

    /// <summary>The merged contact; <see langword="null"/> when unknown or every record was withdrawn.</summary>
    [Id(1)]
    public MergedContact? Merged { get; init; }

    /// <summary>The latest version of every source record, deleted ones included.</summary>
    [Id(2)]
    public ValueList<SourceRef> Sources { get; init; }

    [Id(3)]
    public long Version { get; init; }

    /// <summary>The Bitrix24 contact id, once pushed.</summary>
    [Id(4)]
    public long? Bitrix24ContactId { get; init; }

    /// <summary>Why the last push failed, while it is being retried.</summary>
    [Id(5)]
    public string? LastError { get; init; }
}
