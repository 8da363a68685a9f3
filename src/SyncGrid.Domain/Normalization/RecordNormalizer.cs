using SyncGrid.Domain.Channels;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Records;
using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Normalization;

/// <summary>
/// Turns raw source records into canonical ones by the cleaning rules every source shares. Never throws for bad
/// input: a record without a valid TIN is rejected whole; a bad optional value (phone, KPP, account, …) is dropped
/// from the record and reported as a problem.
/// </summary>
public static class RecordNormalizer
{
    /// <summary>Normalises a company.</summary>
    public static Normalized<CompanyRecord> Normalize(RawCompany raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var problems = new List<Problem>();
        var tin = Tin.Parse(raw.Inn);
        if (!tin.Success)
        {
            problems.Add(tin.Problem);
            return new(null, new ValueList<Problem>(problems));
        }

        var category = tin.Value.Kind == TinKind.Individual ? CompanyCategory.IndividualEntrepreneur : CompanyCategory.Organization;
        if (raw.IsDeleted)
        {
            return new(new CompanyRecord { Source = raw.Source, Tin = tin.Value, Category = category, IsDeleted = true }, []);
        }

        if (raw.Category is { } declared && !IsConsistent(declared, category))
        {
            problems.Add(new Problem("category.mismatch", "category", declared,
                $"The source says {declared}, but a {tin.Value.Value.Length}-digit TIN belongs to {(category == CompanyCategory.Organization ? "an organisation" : "an individual")}; the TIN decides."));
        }

        CompanyName? name = null;
        var parsedName = CompanyName.Parse(raw.Name);
        if (parsedName.Success)
        {
            name = parsedName.Value;
        }
        else
        {
            problems.Add(parsedName.Problem);
        }

        Kpp? kpp = null;
        if (category == CompanyCategory.Organization && !string.IsNullOrWhiteSpace(raw.Kpp))
        {
            kpp = Keep(Kpp.Parse(raw.Kpp), problems);
        }

        Ogrn? ogrn = null;
        if (!string.IsNullOrWhiteSpace(raw.Ogrn))
        {
            ogrn = Keep(Ogrn.Parse(raw.Ogrn), problems);
            var expected = category == CompanyCategory.Organization ? OgrnKind.Ogrn : OgrnKind.Ogrnip;
            if (ogrn is { } o && o.Kind != expected)
            {
                problems.Add(new Problem("ogrn.kind", "ogrn", raw.Ogrn, $"A {(expected == OgrnKind.Ogrn ? "legal entity has a 13-digit OGRN" : "sole trader has a 15-digit OGRNIP")}, not a {o.Value.Length}-digit number."));
                ogrn = null;
            }
        }

        var phones = PhoneNormalizer.ParseAll(raw.Phones, "phone");
        problems.AddRange(phones.Problems);
        var emails = EmailNormalizer.ParseAll(raw.Emails, "email");
        problems.AddRange(emails.Problems);

        var accounts = new List<BankAccount>(raw.BankAccounts.Count);
        foreach (var account in raw.BankAccounts)
        {
            if (NormalizeAccount(account, problems) is { } clean && !accounts.Exists(a => a.Key == clean.Key))
            {
                accounts.Add(clean);
            }
        }

        var record = new CompanyRecord
        {
            Source = raw.Source,
            Tin = tin.Value,
            Category = category,
            Name = name,
            Kpp = kpp,
            Ogrn = ogrn,
            LegalAddress = TextNormalizer.Clean(raw.LegalAddress),
            Phones = phones.Values,
            Emails = emails.Values,
            BankAccounts = new(accounts),
        };
        return new(record, problems.Count == 0 ? [] : new ValueList<Problem>(problems));
    }

    /// <summary>Normalises a contact.</summary>
    public static Normalized<ContactRecord> Normalize(RawContact raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var problems = new List<Problem>();
        var tin = Tin.Parse(raw.CompanyInn);
        if (!tin.Success)
        {
            problems.Add(tin.Problem with
            {
                Code = "contact.company",
                Field = "company_inn",
                Message = $"The contact's company has no valid TIN ({tin.Problem.Code}), so the contact cannot be bound to it.",
            });
            return new(null, new ValueList<Problem>(problems));
        }

        var name = raw.FullName is not null || (raw.LastName is null && raw.FirstName is null && raw.MiddleName is null)
            ? PersonName.Parse(raw.FullName)
            : PersonName.FromParts(raw.LastName, raw.FirstName, raw.MiddleName);
        PersonName? person = null;
        if (name.Success)
        {
            person = name.Value;
        }
        else
        {
            problems.Add(name.Problem);
        }

        var phones = PhoneNormalizer.ParseAll(raw.Phones, "phone");
        problems.AddRange(phones.Problems);
        var emails = EmailNormalizer.ParseAll(raw.Emails, "email");
        problems.AddRange(emails.Problems);

        var key = ContactIdentity.KeyOf(tin.Value, person, emails.Values, phones.Values);
        if (!key.Success)
        {
            problems.Add(key.Problem);
            return new(null, new ValueList<Problem>(problems));
        }

        var record = new ContactRecord
        {
            Source = raw.Source,
            CompanyTin = tin.Value,
            Key = key.Value,
            IsDeleted = raw.IsDeleted,
            Name = person,
            Position = TextNormalizer.Clean(raw.Position),
            Phones = phones.Values,
            Emails = emails.Values,
            Parent = raw.Parent,
        };
        return new(record, problems.Count == 0 ? [] : new ValueList<Problem>(problems));
    }

    private static BankAccount? NormalizeAccount(RawBankAccount raw, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(raw.Bik) && string.IsNullOrWhiteSpace(raw.Account))
        {
            return null;
        }

        var bik = Keep(Bik.Parse(raw.Bik), problems);
        var account = Keep(AccountNumber.Parse(raw.Account), problems);
        if (bik is not { } b || account is not { } a)
        {
            return null;
        }

        if (!a.HasValidControlKey(b))
        {
            problems.Add(new Problem("account.checksum", "bank_account", raw.Account, $"The account {a.Value} fails its control key for BIK {b.Value}."));
            return null;
        }

        return new BankAccount(b, a, TextNormalizer.Clean(raw.BankName));
    }

    private static T? Keep<T>(ParseResult<T> result, List<Problem> problems)
        where T : struct
    {
        if (result.Success)
        {
            return result.Value;
        }

        problems.Add(result.Problem);
        return null;
    }

    private static bool IsConsistent(string declared, CompanyCategory category) => declared.Trim().ToUpperInvariant() switch
    {
        "ORGANIZATION" => category == CompanyCategory.Organization,
        "PERSON" => category == CompanyCategory.IndividualEntrepreneur,
        _ => false,
    };
}
