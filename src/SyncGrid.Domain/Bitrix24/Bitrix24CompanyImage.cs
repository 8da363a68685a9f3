using SyncGrid.Domain.Merge;
using SyncGrid.Domain.Records;

namespace SyncGrid.Domain.Bitrix24;

/// <summary>
/// What Bitrix24 should hold for one company, derived from the merged company by the sources contract's mapping:
/// the company (title, phones, e-mails, <c>ORIGINATOR_ID</c>=<c>syncgrid</c>, <c>ORIGIN_ID</c>=TIN), one requisite per
/// KPP (preset "organization" or "individual entrepreneur") and one bank detail per account, attached to the first
/// requisite. <see cref="Fingerprint"/> changes exactly when any of it changes, so an unchanged company costs no call.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Bitrix24CompanyImage")]
public sealed record Bitrix24CompanyImage
{
    /// <summary>The <c>ORIGINATOR_ID</c> of everything SyncGrid writes.</summary>
    public const string Originator = "syncgrid";

    [Id(0)]
    public required string Tin { get; init; }

    [Id(1)]
    public required string Title { get; init; }

    [Id(2)]
    public ValueList<MultiFieldValue> Phones { get; init; }

    [Id(3)]
    public ValueList<MultiFieldValue> Emails { get; init; }

    [Id(4)]
    public ValueList<Bitrix24RequisiteImage> Requisites { get; init; }

    [Id(5)]
    public ValueList<Bitrix24BankDetailImage> BankDetails { get; init; }

    [Id(6)]
    public bool IsIndividualEntrepreneur { get; init; }

    /// <summary>A stable hash of everything above.</summary>
    public string Fingerprint => Hashing.Sha256Hex(string.Join('\u001f', new[]
    {
        Tin, Title, IsIndividualEntrepreneur ? "ip" : "org",
        string.Join('\u001e', Phones.Select(p => $"{p.Value}|{p.ValueType}")),
        string.Join('\u001e', Emails.Select(e => $"{e.Value}|{e.ValueType}")),
        string.Join('\u001e', Requisites.Select(r => string.Join('|', r.Key, r.Name, r.Kpp, r.Ogrn, r.ShortName, r.FullName))),
        string.Join('\u001e', BankDetails.Select(b => string.Join('|', b.Key, b.Bik, b.Account, b.BankName))),
    }));

    /// <summary>
    /// Maps a merged company. The register's names (when known) are the requisite's legal names, and the title
    /// when the sources' name is poor (missing, or nothing but a legal form).
    /// </summary>
    public static Bitrix24CompanyImage From(MergedCompany merged, string? registerFullName = null, string? registerShortName = null)
    {
        ArgumentNullException.ThrowIfNull(merged);
        var sourceName = merged.Name?.Value;
        var poor = sourceName is null || sourceName.MatchKey.Length < 3 || string.Equals(sourceName.MatchKey, sourceName.LegalForm, StringComparison.OrdinalIgnoreCase);
        var title = (poor ? registerShortName : null) ?? sourceName?.Display ?? registerShortName ?? $"ИНН {merged.Tin.Value}";
        var individual = merged.Category.Value == CompanyCategory.IndividualEntrepreneur;
        var requisites = merged.Requisites
            .Select(r => new Bitrix24RequisiteImage(
                r.Value.Key,
                r.Value.Kpp is { } kpp ? $"{title} (КПП {kpp.Value})" : title,
                r.Value.Kpp?.Value,
                merged.Ogrn?.Value.Value,
                registerShortName ?? merged.Name?.Value.Display ?? title,
                registerFullName ?? merged.Name?.Value.Display ?? title))
            .ToList();
        var bank = merged.BankAccounts
            .Select(a => new Bitrix24BankDetailImage($"{a.Value.Bik.Value}/{a.Value.Account.Value}", a.Value.Bik.Value, a.Value.Account.Value, a.Value.BankName))
            .ToList();
        return new Bitrix24CompanyImage
        {
            Tin = merged.Tin.Value,
            Title = title,
            IsIndividualEntrepreneur = individual,
            Phones = new(merged.Phones?.Value.Select(p => new MultiFieldValue(null, p.Display, p.IsMobile ? "MOBILE" : "WORK")) ?? []),
            Emails = new(merged.Emails?.Value.Select(e => new MultiFieldValue(null, e.Value, "WORK")) ?? []),
            Requisites = new(requisites),
            BankDetails = new(bank),
        };
    }
}
