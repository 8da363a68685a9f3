using SyncGrid.Domain;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Merge;
using SyncGrid.Domain.Records;

namespace SyncGrid.Abstractions;

/// <summary>A company's sync state as the API and CLI show it.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.CompanySyncSnapshot")]
public sealed record CompanySyncSnapshot
{
    [Id(0)]
    public required Tin Tin { get; init; }

    /// <summary>Whether any source record has ever reached this company.</summary>
    [Id(1)]
    public bool Exists { get; init; }

    [Id(2)]
    public CompanySyncStatus Status { get; init; }

    [Id(3)]
    public string? StatusReason { get; init; }

    /// <summary>The merged company with the winning source of every field; <see langword="null"/> when withdrawn or unknown.</summary>
    [Id(4)]
    public MergedCompany? Merged { get; init; }

    /// <summary>The latest version of every source record, deleted ones included.</summary>
    [Id(5)]
    public ValueList<SourceRef> Sources { get; init; }

    /// <summary>The contacts filed under the company.</summary>
    [Id(6)]
    public ValueList<ContactKey> Contacts { get; init; }

    [Id(7)]
    public ValueList<StatusChange> History { get; init; }

    /// <summary>The grain state's version (how many times it was written).</summary>
    [Id(8)]
    public long Version { get; init; }
}
