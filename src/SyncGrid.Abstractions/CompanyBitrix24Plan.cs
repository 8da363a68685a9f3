using SyncGrid.Domain;
using SyncGrid.Domain.Identifiers;

namespace SyncGrid.Abstractions;

/// <summary>
/// The Bitrix24 writes a sync of one company (and of its contacts) would make now, planned from grain state: what the
/// grain knows it last wrote (ids and the image's fingerprint), not what the portal holds today. Nothing is sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.CompanyBitrix24Plan")]
public sealed record CompanyBitrix24Plan
{
    [Id(0)]
    public required Tin Tin { get; init; }

    [Id(1)]
    public CompanySyncStatus Status { get; init; }

    [Id(2)]
    public CompanyPlanOutcome Outcome { get; init; }

    /// <summary>Why nothing is written, or the condition the writes wait for; <see langword="null"/> when there is none.</summary>
    [Id(3)]
    public string? Reason { get; init; }

    /// <summary>The writes, company first, then requisites, bank details and contacts.</summary>
    [Id(4)]
    public ValueList<PlannedCommand> Commands { get; init; }

    /// <summary>Contacts of the company left out of the plan (a plan asks at most <c>CompanyGrain.PlanContactLimit</c> contacts).</summary>
    [Id(5)]
    public int ContactsNotPlanned { get; init; }
}
