using System.Globalization;
using SyncGrid.Domain;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;
using SyncGrid.Domain.Text;

namespace SyncGrid.Sources.StoreA;

/// <summary>
/// Maps store A rows to raw domain records. Each latin1 column is decoded on its own (<see cref="SourceText"/>: valid
/// UTF-8 with non-ASCII characters is UTF-8, anything else windows-1251); bytes that decode to no text (control
/// characters, bytes windows-1251 leaves undefined) are dropped and reported as <see cref="StoreARejectCodes.TextEncoding"/>.
/// </summary>
public static class StoreARowMapper
{
    /// <summary>Maps a company row.</summary>
    public static StoreAMapped<RawCompany> ToCompany(StoreACompanyRow row, DateTimeOffset changedAt)
    {
        ArgumentNullException.ThrowIfNull(row);
        var problems = new List<Problem>();
        var bik = row.Bik;
        var account = row.BankAccount;
        var bankName = Decode(row.BankName, "bank_name", problems);
        var raw = new RawCompany
        {
            Source = new SourceRef(SourceStore.StoreA, row.Key, changedAt),
            Inn = Decode(row.Inn, "inn", problems),
            Name = Decode(row.Name, "name", problems),
            Kpp = row.Kpp,
            Ogrn = row.Ogrn,
            LegalAddress = Decode(row.LegalAddress, "legal_address", problems),
            Phones = One(Decode(row.Phone, "phone", problems)),
            Emails = One(row.Email),
            BankAccounts = string.IsNullOrWhiteSpace(bik) && string.IsNullOrWhiteSpace(account) ? [] : [new RawBankAccount(bik, account, bankName)],
            IsDeleted = row.IsDeleted,
        };
        return new StoreAMapped<RawCompany>(raw, problems);
    }

    /// <summary>
    /// Maps a contact row, routed to its company's TIN. A contact whose company is missing, deleted or has no valid
    /// TIN is refused with <see cref="StoreARejectCodes.ContactNoCompany"/>.
    /// </summary>
    public static StoreAMapped<RawContact> ToContact(StoreAContactRow row, DateTimeOffset changedAt)
    {
        ArgumentNullException.ThrowIfNull(row);
        var problems = new List<Problem>();
        var companyInn = row.Company?.Inn is { } innBytes ? Decode(innBytes, "company_inn", []) : null;
        var raw = new RawContact
        {
            Source = new SourceRef(SourceStore.StoreA, row.Key, changedAt),
            CompanyInn = companyInn,
            FullName = Decode(row.FullName, "full_name", problems),
            Position = Decode(row.JobTitle, "position", problems),
            Phones = One(Decode(row.Phone, "phone", problems)),
            Emails = One(row.Email),
            IsDeleted = row.IsDeleted,
            Parent = row.CompanyId is { } companyId ? new SourceKey(SourceStore.StoreA, StoreATables.KeyOf(StoreATable.Companies, companyId)) : null,
        };
        return new StoreAMapped<RawContact>(raw, problems, NoCompany(row, companyInn));
    }

    /// <summary>
    /// Decodes one latin1 column's bytes, or reports them as <see cref="StoreARejectCodes.TextEncoding"/> (raw value
    /// <c>base64:…</c>, so nothing is lost) and returns <see langword="null"/>.
    /// </summary>
    public static string? Decode(byte[]? bytes, string field, ICollection<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (bytes is null)
        {
            return null;
        }

        var text = SourceText.Decode(bytes, out var detected);
        if (!IsText(text))
        {
            problems.Add(new Problem(
                StoreARejectCodes.TextEncoding,
                field,
                "base64:" + Convert.ToBase64String(bytes),
                $"The {bytes.Length} bytes of {field} are not text in UTF-8 or windows-1251 (read as {detected}, they hold control or undefined characters); the value is dropped."));
            return null;
        }

        return text;
    }

    private static Problem? NoCompany(StoreAContactRow row, string? companyInn)
    {
        var companyId = row.CompanyId?.ToString(CultureInfo.InvariantCulture);
        if (row.IsDeleted)
        {
            // A deletion needs no company: it withdraws whatever the record delivered before.
            return null;
        }

        if (row.CompanyId is null)
        {
            return new Problem(StoreARejectCodes.ContactNoCompany, "company_id", null, "The contact has no company_id, so it cannot be bound to a company.");
        }

        if (row.Company is not { } company)
        {
            return new Problem(StoreARejectCodes.ContactNoCompany, "company_id", companyId, $"company_id {companyId} points at no company row.");
        }

        if (company.IsDeleted)
        {
            return new Problem(StoreARejectCodes.ContactNoCompany, "company_id", companyId, $"The contact's company companies/{companyId} is deleted.");
        }

        var tin = Tin.Parse(companyInn);
        return tin.Success
            ? null
            : new Problem(StoreARejectCodes.ContactNoCompany, "company_id", companyId, $"The contact's company companies/{companyId} has no valid TIN ({tin.Problem.Code}: {tin.Problem.Message}).");
    }

    private static bool IsText(string text)
    {
        foreach (var c in text)
        {
            var control = (c < ' ' && c is not ('\t' or '\r' or '\n')) || c is >= '\u007F' and <= '\u009F';
            if (control || c == '\uFFFD')
            {
                return false;
            }
        }

        return true;
    }

    private static IReadOnlyList<string?> One(string? value) => value is null ? [] : [value];
}
