using SyncGrid.Domain;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Merge;
using SyncGrid.Domain.Records;
using SyncGrid.Domain.Register;

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

    /// <summary>The register's last answer, reused while valid; <see langword="null"/> when never obtained (or dropped by a re-sync).</summary>
    [Id(9)]
    public RegisterVerdict? Verdict { get; init; }

    /// <summary>When the register last said it does not know the company, if it did.</summary>
    [Id(10)]
    public DateTimeOffset? RegisterNotFoundAt { get; init; }

    /// <summary>The Bitrix24 company id, once created or adopted.</summary>
    [Id(11)]
    public long? Bitrix24CompanyId { get; init; }

    /// <summary>The ids of the company's requisites and bank details in Bitrix24.</summary>
    [Id(12)]
    public ValueList<Bitrix24EntityId> Bitrix24Entities { get; init; }

    /// <summary>Why the last Bitrix24 push failed, while it is retried.</summary>
    [Id(13)]
    public string? LastError { get; init; }

    /// <summary>Not before this time is pending work (a register lookup or a push) tried again.</summary>
    [Id(14)]
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>An add was sent and its answer lost: the next push looks the company up by ORIGIN_ID before adding.</summary>
    [Id(15)]
    public bool Bitrix24AddOutcomeUnknown { get; init; }
}
