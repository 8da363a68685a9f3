using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains;

/// <summary>
/// What a company grain knows of its entities in Bitrix24: the ids it created or adopted, the image it last wrote,
/// and the outbox flag of an add whose outcome is unknown (a lost answer): while it is set, the next attempt looks the
/// entity up by <c>ORIGINATOR_ID</c>/<c>ORIGIN_ID</c> before it adds anything.
/// </summary>
[GenerateSerializer, Alias("SyncGrid.Grains.CompanyBitrix24State")]
public sealed class CompanyBitrix24State
{
    [Id(0)]
    public long? CompanyId { get; set; }

    /// <summary>Requisite ids by requisite key (the KPP, or empty).</summary>
    [Id(1)]
    public Dictionary<string, long> Requisites { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Bank detail ids by key (<c>BIK/account</c>).</summary>
    [Id(2)]
    public Dictionary<string, long> BankDetails { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The image last written in full; <see langword="null"/> before the first complete sync.</summary>
    [Id(3)]
    public Bitrix24CompanyImage? Synced { get; set; }

    /// <summary>An add was sent and its answer lost: look up before adding again.</summary>
    [Id(4)]
    public bool AddOutcomeUnknown { get; set; }

    /// <summary>Failed attempts since the last success.</summary>
    [Id(5)]
    public int Attempts { get; set; }

    [Id(6)]
    public string? LastError { get; set; }

    /// <summary>The company id every contact of the company has been told about (contacts push only after that).</summary>
    [Id(7)]
    public long? ContactsNotifiedFor { get; set; }
}
