using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Records;

namespace SyncGrid.Domain.Merge;

/// <summary>
/// Merges the records of one company. Only the latest version of each source record counts, and a deleted
/// latest version withdraws that source record. Among the live records the most recently changed one wins each
/// scalar field (name, OGRN, address, the phone list, the e-mail list), ties broken by store and source id;
/// requisites (one per KPP) and bank accounts are the union over the live records, each attributed to the latest
/// record that names it. The result depends only on the set of records, never on their order.
/// </summary>
public static class CompanyMerger
{
    /// <summary>Merges; <see langword="null"/> when no live record is left (every source deleted the company).</summary>
    public static MergedCompany? Merge(Tin tin, IEnumerable<CompanyRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var live = SourceVersions.LiveLatest(records, r => r.Source, r => r.IsDeleted, r =>
        {
            if (r.Tin != tin)
            {
                throw new ArgumentException($"A record of {r.Tin} ({r.Source}) was given to the merge of {tin}.", nameof(records));
            }
        });
        if (live.Count == 0)
        {
            return null;
        }

        // Oldest first, so that iterating and overwriting leaves the latest winner of each field.
        CompanyRecord latest = live[^1];
        Sourced<Text.CompanyName>? name = null;
        Sourced<Ogrn>? ogrn = null;
        Sourced<string>? address = null;
        Sourced<ValueList<Channels.PhoneNumber>>? phones = null;
        Sourced<ValueList<Channels.EmailAddress>>? emails = null;
        var requisites = new SortedDictionary<string, Sourced<Requisite>>(StringComparer.Ordinal);
        var accounts = new SortedDictionary<(string, string), Sourced<BankAccount>>();
        foreach (var r in live)
        {
            if (r.Name is not null)
            {
                name = new(r.Name, r.Source);
            }

            if (r.Ogrn is { } o)
            {
                ogrn = new(o, r.Source);
            }

            if (r.LegalAddress is not null)
            {
                address = new(r.LegalAddress, r.Source);
            }

            if (!r.Phones.IsEmpty)
            {
                phones = new(r.Phones, r.Source);
            }

            if (!r.Emails.IsEmpty)
            {
                emails = new(r.Emails, r.Source);
            }

            var requisite = new Requisite(r.Category == CompanyCategory.Organization ? r.Kpp : null);
            requisites[requisite.Key] = new(requisite, r.Source);
            foreach (var account in r.BankAccounts)
            {
                accounts[account.Key] = new(account, r.Source);
            }
        }

        // A requisite without KPP only stands while no record names a KPP.
        if (requisites.Count > 1)
        {
            requisites.Remove(string.Empty);
        }

        return new MergedCompany
        {
            Tin = tin,
            Category = new(tin.Kind == TinKind.Individual ? CompanyCategory.IndividualEntrepreneur : CompanyCategory.Organization, latest.Source),
            Name = name,
            Ogrn = ogrn,
            LegalAddress = address,
            Phones = phones,
            Emails = emails,
            Requisites = new(requisites.Values),
            BankAccounts = new(accounts.Values),
            Sources = new(live.Select(r => r.Source)),
        };
    }
}
