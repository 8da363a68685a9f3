using System.Globalization;
using System.Security.Cryptography;
using SyncGrid.Domain.Records;
using SyncGrid.Generator.Model;

namespace SyncGrid.Generator;

/// <summary>
/// Computes the expected outcome from the ground truth, entity by entity, by the product's rules: a company is its
/// TIN; only the latest version of each source record counts and a deleted one withdraws just that record; the most
/// recently changed live record wins each field (a record without the field leaves it to the next newest), requisites
/// and accounts are unions; only register-ACTIVE companies are pushed; a contact is its key and is pushed when one of
/// its live records binds it to a pushed company. It reads the generator's clean values, never the pipeline's code.
/// </summary>
internal sealed class Oracle
{
    private readonly Dictionary<string, ContactTally> _contacts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rejectKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byStore = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inactiveByStatus = new(StringComparer.Ordinal);
    private readonly List<ExpectedCompany> _sample = [];

    private int _validTins;
    private int _synced;
    private int _inactive;
    private int _rejected;
    private int _withdrawn;
    private int _invalidA;
    private int _invalidB;
    private int _inBoth;
    private int _severalRows;
    private int _severalPartners;
    private int _withBranches;
    private int _requisites;
    private int _bankDetails;

    private sealed class ContactTally
    {
        public bool Live;
        public int SyncedBindings;
        public char Kind;
    }

    public void Add(EntityRecords entity, bool inSample)
    {
        CountRejects(entity);
        if (!entity.ValidTin)
        {
            if (entity.Layout == Layout.InvalidA)
            {
                _invalidA++;
            }
            else
            {
                _invalidB++;
            }

            return;
        }

        var facts = entity.Facts;
        _validTins++;

        // Company: the latest version of each source record; the live ones, oldest first.
        var latest = new Dictionary<(SourceStore, string), CompanyVersion>();
        foreach (var row in entity.Rows)
        {
            latest[(SourceStore.StoreA, row.Version.SourceId)] = row.Version;
        }

        var latestPartner = new Dictionary<string, CompanyVersion>(StringComparer.Ordinal);
        foreach (var partner in entity.Partners)
        {
            CompanyVersion? newest = null;
            foreach (var delivery in partner.Deliveries)
            {
                var v = delivery.Version;
                if (!v.TinValid)
                {
                    continue;
                }

                if (newest is null || v.Time > newest.Time || (v.Time == newest.Time && v.Deleted && !newest.Deleted))
                {
                    newest = v;
                }
            }

            if (newest is not null)
            {
                latest[(SourceStore.StoreB, partner.Id)] = newest;
                latestPartner[partner.Id] = newest;
            }
        }

        var live = latest.Values.Where(v => !v.Deleted).OrderBy(v => v.Ref).ToList();
        string status;
        if (live.Count == 0)
        {
            status = "withdrawn";
            _withdrawn++;
        }
        else if (facts.RegisterStatus == "ACTIVE")
        {
            status = "synced";
            _synced++;
        }
        else if (facts.RegisterStatus == "NOT_FOUND")
        {
            status = "rejected";
            _rejected++;
        }
        else
        {
            status = "inactive";
            _inactive++;
            _inactiveByStatus[facts.RegisterStatus] = _inactiveByStatus.GetValueOrDefault(facts.RegisterStatus) + 1;
        }

        if (live.Exists(v => v.Store == SourceStore.StoreA) && live.Exists(v => v.Store == SourceStore.StoreB))
        {
            _inBoth++;
        }

        if (entity.Rows.Count > 1)
        {
            _severalRows++;
        }

        if (latestPartner.Count > 1)
        {
            _severalPartners++;
        }

        var merged = live.Count == 0 ? null : Merge(facts, live);
        if (merged is not null)
        {
            if (merged.Kpps.Count > 1)
            {
                _withBranches++;
            }

            if (status == "synced")
            {
                _requisites += merged.Kpps.Count;
                _bankDetails += merged.Accounts.Count;
            }
        }

        // Contacts: the live contact records bound to this company.
        var liveContacts = new List<ContactVersion>();
        var deadKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in entity.Rows)
        {
            foreach (var contact in row.Contacts.Select(c => c.Version).Where(c => c.Fate == ContactFate.Record))
            {
                (contact.Deleted ? null : liveContacts)?.Add(contact);
                if (contact.Deleted)
                {
                    deadKeys.Add(contact.Key!);
                }
            }
        }

        foreach (var partner in entity.Partners)
        {
            latestPartner.TryGetValue(partner.Id, out var newest);
            foreach (var version in partner.Deliveries.Select(d => d.Version).Where(v => v.TinValid && !v.Deleted))
            {
                foreach (var contact in version.Contacts.Where(c => c.Fate == ContactFate.Record))
                {
                    if (ReferenceEquals(version, newest))
                    {
                        liveContacts.Add(contact);
                    }
                    else
                    {
                        deadKeys.Add(contact.Key!);
                    }
                }
            }
        }

        var liveKeys = liveContacts.Select(c => c.Key!).ToHashSet(StringComparer.Ordinal);
        foreach (var key in liveKeys)
        {
            var tally = Tally(key);
            tally.Live = true;
            if (status == "synced")
            {
                tally.SyncedBindings++;
            }
        }

        foreach (var key in deadKeys)
        {
            Tally(key);
        }

        if (inSample)
        {
            _sample.Add(SampleOf(facts, status, live, merged, liveContacts));
        }
    }

    /// <summary>Store A contact rows of company ids that name no row, or of no company at all.</summary>
    public void AddOrphans(IEnumerable<StoreAContactRecord> orphans)
    {
        foreach (var orphan in orphans)
        {
            foreach (var p in orphan.Version.Problems)
            {
                Reject("store-a", "contacts/" + orphan.Version.SourceId, p);
            }
        }
    }

    /// <summary>A store B message that is not a valid event.</summary>
    public void AddPoisonMessage(string key, byte[] message, string code) =>
        Reject("store-b", key, new ExpectedProblem(code, "message", "sha256:" + Convert.ToHexStringLower(SHA256.HashData(message))));

    /// <summary>A PartnerDeleted event for a partner id never seen with a valid TIN.</summary>
    public void AddUnknownDelete(string partnerId) =>
        Reject("store-b", partnerId, new ExpectedProblem("partner.unknown", "partnerId", partnerId));

    /// <summary>An export entry that is not a partner.</summary>
    public void AddMalformedExportEntry(string file, long index, string code) =>
        Reject("store-b", $"{file}#{index.ToString(CultureInfo.InvariantCulture)}", new ExpectedProblem(code, "partner", null));

    public (ExpectedBitrix24 Bitrix24, ExpectedCompanies Companies, ExpectedContacts Contacts, ExpectedRejects Rejects, IReadOnlyList<ExpectedCompany> Sample) Finish()
    {
        var pushed = 0;
        var live = 0;
        var bindings = 0;
        var several = 0;
        var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["email"] = 0, ["mobile"] = 0, ["name"] = 0 };
        foreach (var tally in _contacts.Values)
        {
            if (!tally.Live)
            {
                continue;
            }

            live++;
            if (tally.SyncedBindings > 0)
            {
                pushed++;
                bindings += tally.SyncedBindings;
                if (tally.SyncedBindings > 1)
                {
                    several++;
                }

                var kind = tally.Kind switch { 'e' => "email", 'm' => "mobile", _ => "name" };
                byKind[kind]++;
            }
        }

        return (
            new ExpectedBitrix24 { Companies = _synced, Requisites = _requisites, BankDetails = _bankDetails, Contacts = pushed, ContactBindings = bindings },
            new ExpectedCompanies
            {
                ValidTins = _validTins,
                Synced = _synced,
                Inactive = _inactive,
                InactiveByRegisterStatus = new SortedDictionary<string, int>(_inactiveByStatus, StringComparer.Ordinal),
                RejectedByRegister = _rejected,
                Withdrawn = _withdrawn,
                InvalidTinRecords = new InvalidTinRecords { StoreA = _invalidA, StoreB = _invalidB },
                InBothStores = _inBoth,
                SeveralStoreARows = _severalRows,
                SeveralPartnerIds = _severalPartners,
                WithBranches = _withBranches,
            },
            new ExpectedContacts
            {
                Live = live,
                Pushed = pushed,
                NotPushed = live - pushed,
                Withdrawn = _contacts.Count - live,
                PushedByKey = byKind,
                BoundToSeveralCompanies = several,
            },
            new ExpectedRejects
            {
                Total = _rejectKeys.Count,
                ByReason = new SortedDictionary<string, long>(_byReason, StringComparer.Ordinal),
                ByKind = new SortedDictionary<string, long>(_byKind, StringComparer.Ordinal),
                ByStore = new SortedDictionary<string, long>(_byStore, StringComparer.Ordinal),
            },
            _sample.OrderBy(s => s.Tin, StringComparer.Ordinal).ToList());
    }

    private ContactTally Tally(string key)
    {
        if (!_contacts.TryGetValue(key, out var tally))
        {
            tally = new ContactTally { Kind = key[0] };
            _contacts[key] = tally;
        }

        return tally;
    }

    private void CountRejects(EntityRecords entity)
    {
        foreach (var row in entity.Rows)
        {
            foreach (var p in row.Version.Problems)
            {
                Reject("store-a", "companies/" + row.Version.SourceId, p);
            }

            foreach (var contact in row.Contacts)
            {
                foreach (var p in contact.Version.Problems)
                {
                    Reject("store-a", "contacts/" + contact.Version.SourceId, p);
                }
            }
        }

        foreach (var partner in entity.Partners)
        {
            foreach (var version in partner.Deliveries.Select(d => d.Version))
            {
                if (version.Deleted)
                {
                    if (!version.TinValid)
                    {
                        AddUnknownDelete(partner.Id);
                    }

                    continue;
                }

                foreach (var p in version.Problems)
                {
                    Reject("store-b", partner.Id, p);
                }

                foreach (var contact in version.Contacts)
                {
                    foreach (var p in contact.Problems)
                    {
                        Reject("store-b", contact.SourceId, p);
                    }
                }
            }
        }
    }

    private void Reject(string store, string sourceId, ExpectedProblem problem)
    {
        if (!_rejectKeys.Add(string.Join('\u001f', store, sourceId, problem.Field, problem.Code, problem.Raw ?? "\u0000")))
        {
            return;
        }

        _byReason[problem.Code] = _byReason.GetValueOrDefault(problem.Code) + 1;
        var kind = problem.Code switch
        {
            _ when problem.Code.StartsWith("tin.", StringComparison.Ordinal) => "company",
            "contact.company" or "contact.identity" or "contact.no-company" => "contact",
            _ when problem.Field is "message" or "partner" || problem.Code == "partner.unknown" => "message",
            _ => "value",
        };
        _byKind[kind] = _byKind.GetValueOrDefault(kind) + 1;
        _byStore[store] = _byStore.GetValueOrDefault(store) + 1;
    }

    // ---- merge -----------------------------------------------------------------------------------------------------

    private sealed record MergedValues(
        (string Value, SourceRef Source)? Name,
        (string Value, SourceRef Source)? Ogrn,
        (string Value, SourceRef Source)? Address,
        (List<CleanPhone> Value, SourceRef Source)? Phones,
        (List<string> Value, SourceRef Source)? Emails,
        SortedDictionary<string, SourceRef> Kpps,
        SortedDictionary<(string, string), (CleanAccount Account, SourceRef Source)> Accounts);

    private static MergedValues Merge(CompanyFacts facts, List<CompanyVersion> live)
    {
        (string, SourceRef)? name = null, ogrn = null, address = null;
        (List<CleanPhone>, SourceRef)? phones = null;
        (List<string>, SourceRef)? emails = null;
        var kpps = new SortedDictionary<string, SourceRef>(StringComparer.Ordinal);
        var accounts = new SortedDictionary<(string, string), (CleanAccount, SourceRef)>(Comparer<(string, string)>.Create((a, b) =>
        {
            var c = string.CompareOrdinal(a.Item1, b.Item1);
            return c != 0 ? c : string.CompareOrdinal(a.Item2, b.Item2);
        }));
        foreach (var version in live)
        {
            var v = version.Values!;
            var source = version.Ref;
            if (v.Name is not null)
            {
                name = (v.Name, source);
            }

            if (v.Ogrn is not null)
            {
                ogrn = (v.Ogrn, source);
            }

            if (v.Address is not null)
            {
                address = (v.Address, source);
            }

            if (v.Phones.Count > 0)
            {
                phones = (v.Phones, source);
            }

            if (v.Emails.Count > 0)
            {
                emails = (v.Emails, source);
            }

            kpps[facts.Individual ? string.Empty : v.Kpp ?? string.Empty] = source;
            foreach (var account in v.Accounts)
            {
                accounts[(account.Bik, account.Account)] = (account, source);
            }
        }

        if (kpps.Count > 1)
        {
            kpps.Remove(string.Empty);
        }

        return new MergedValues(name, ogrn, address, phones, emails, kpps, accounts);
    }

    private static ExpectedCompany SampleOf(CompanyFacts facts, string status, List<CompanyVersion> live, MergedValues? merged, List<ContactVersion> liveContacts)
    {
        var provenance = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (merged is not null)
        {
            Note("name", merged.Name?.Source);
            Note("ogrn", merged.Ogrn?.Source);
            Note("legalAddress", merged.Address?.Source);
            Note("phones", merged.Phones?.Source);
            Note("emails", merged.Emails?.Source);
            foreach (var (kpp, source) in merged.Kpps)
            {
                Note($"requisite[{kpp}]", source);
            }

            foreach (var ((bik, account), (_, source)) in merged.Accounts)
            {
                Note($"bankAccount[{bik}/{account}]", source);
            }
        }

        var pushed = status == "synced";
        var own = liveContacts.Where(c => !c.Shared).GroupBy(c => c.Key!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => MergeContact(g.Key, g.OrderBy(c => c.Ref).ToList(), pushed))
            .ToList();
        return new ExpectedCompany
        {
            Tin = facts.Tin,
            Status = status,
            RegisterStatus = facts.RegisterStatus,
            Category = facts.Individual ? "individual-entrepreneur" : "organization",
            Name = merged?.Name?.Value,
            Ogrn = merged?.Ogrn?.Value,
            LegalAddress = merged?.Address?.Value,
            Kpps = merged is null ? [] : [.. merged.Kpps.Keys],
            Phones = merged?.Phones?.Value.Select(p => p.Display).ToList() ?? [],
            Emails = merged?.Emails?.Value ?? [],
            BankAccounts = merged is null ? [] : [.. merged.Accounts.Values.Select(a => new ExpectedBankAccount(a.Account.Bik, a.Account.Account, a.Account.BankName))],
            Provenance = provenance,
            Sources = [.. live.Select(v => $"{v.Store.ToCode()}:{v.SourceId}@{Render.PreciseTime(v.Time)}")],
            ContactKeys = [.. liveContacts.Select(c => c.Key!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Contacts = own,
        };

        void Note(string field, SourceRef? source)
        {
            if (source is not null)
            {
                provenance[field] = $"{source.Store.ToCode()}:{source.Id}";
            }
        }
    }

    /// <summary>The contact merge: latest live record wins each field, but an initial never replaces a full name part.</summary>
    private static ExpectedContact MergeContact(string key, List<ContactVersion> records, bool pushed)
    {
        string? last = null, first = null, middle = null, position = null;
        List<CleanPhone>? phones = null;
        List<string>? emails = null;
        foreach (var r in records)
        {
            last = Pick(last, r.Last);
            first = Pick(first, r.First);
            middle = Pick(middle, r.Middle);
            position = r.Position ?? position;
            if (r.Phones.Count > 0)
            {
                phones = r.Phones;
            }

            if (r.Emails.Count > 0)
            {
                emails = r.Emails;
            }
        }

        return new ExpectedContact
        {
            Key = key,
            LastName = last,
            FirstName = first,
            MiddleName = middle,
            Position = position,
            Phones = phones?.Select(p => p.Display).ToList() ?? [],
            Emails = emails ?? [],
            Pushed = pushed,
        };

        static string? Pick(string? current, string? candidate) =>
            candidate is null ? current
            : current is not null && IsInitial(candidate) && !IsInitial(current) ? current
            : candidate;

        static bool IsInitial(string part) => part.Length <= 2 && (part.Length == 1 || part[^1] == '.');
    }
}
