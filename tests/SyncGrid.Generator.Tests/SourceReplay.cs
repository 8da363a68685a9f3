using System.Security.Cryptography;
using System.Text;
using SyncGrid.Domain;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Merge;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;
using SyncGrid.Domain.Text;
using SyncGrid.Sandbox.Register;
using SyncGrid.Sources;

namespace SyncGrid.Generator.Tests;

/// <summary>
/// Reads everything the generator wrote the way the product does — store A bytes decoded per value, the export files
/// through <see cref="StoreBExportReader"/>, the events through <see cref="SapEventParser"/>, every record through
/// <see cref="RecordNormalizer"/>, companies through <see cref="CompanyMerger"/>, contacts through
/// <see cref="ContactMerger"/>, the register file through <see cref="RegisterSandboxFile"/> — and derives the outcome
/// with no help from the generator's ground truth. Store B partners follow the partner ingest's rules: a partner's
/// last valid TIN takes its deletion; the exports are read oldest first, then the events in stream order.
/// </summary>
internal sealed class SourceReplay
{
    private readonly Dictionary<string, List<CompanyRecord>> _companies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PartnerState> _partners = new(StringComparer.Ordinal);
    private readonly List<ContactRecord> _storeAContacts = [];

    public HashSet<string> RejectKeys { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> RejectsByReason { get; } = new(StringComparer.Ordinal);

    public HashSet<string> InvalidStoreARows { get; } = new(StringComparer.Ordinal);

    public int ExportPartners { get; private set; }

    public int ExportRejected { get; private set; }

    public int EventMessages { get; private set; }

    public int EventRejected { get; private set; }

    public int RepeatedMessages { get; private set; }

    public Dictionary<string, RegisterSandboxCompany> Register { get; } = new(StringComparer.Ordinal);

    /// <summary>Merged companies by TIN (null when every record is withdrawn).</summary>
    public Dictionary<string, MergedCompany?> Merged { get; } = new(StringComparer.Ordinal);

    /// <summary>Live contact records by key.</summary>
    public Dictionary<string, List<ContactRecord>> LiveContacts { get; } = new(StringComparer.Ordinal);

    public HashSet<string> DeadContactKeys { get; } = new(StringComparer.Ordinal);

    private sealed class PartnerState
    {
        public string? LastTin;
        public bool EverValid;
        public bool Changed;
        public List<(DateTimeOffset Time, bool Deleted, string Tin, List<ContactRecord> Contacts)> Versions { get; } = [];
    }

    public static async Task<SourceReplay> RunAsync(GeneratedData data)
    {
        var replay = new SourceReplay();
        replay.StoreA(data.Companies, data.Contacts);
        await replay.ExportAsync(data.PathOf(DataGenerator.FileNames.OldExport), SourceText.Windows1251);
        await replay.ExportAsync(data.PathOf(DataGenerator.FileNames.ExportPart1), null);
        await replay.ExportAsync(data.PathOf(DataGenerator.FileNames.ExportPart2), null);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var message in GeneratedEventFile.ReadAsync(data.PathOf(DataGenerator.FileNames.Events)))
        {
            if (!seen.Add(message.Key + "\u001f" + Convert.ToBase64String(message.Value)))
            {
                replay.RepeatedMessages++;
            }

            replay.Event(message);
        }

        foreach (var company in await RegisterSandboxFile.ReadAsync(data.PathOf(DataGenerator.FileNames.Register)))
        {
            replay.Register.TryAdd(company.Inn, company);
        }

        replay.Finish();
        return replay;
    }

    public string StatusOf(string tin) => Merged[tin] is null ? "withdrawn"
        : !Register.TryGetValue(tin, out var unit) ? "rejected"
        : unit.Status == "ACTIVE" ? "synced"
        : "inactive";

    public bool Synced(Tin tin) => Merged.ContainsKey(tin.Value) && StatusOf(tin.Value) == "synced";

    private void StoreA(List<GeneratedCompanyRow> companies, List<GeneratedContactRow> contacts)
    {
        var rows = companies.ToDictionary(c => c.Id);
        var validRows = new HashSet<int>();
        foreach (var row in companies)
        {
            var id = row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var raw = new RawCompany
            {
                Source = new SourceRef(SourceStore.StoreA, id, new DateTimeOffset(row.UpdatedAt, TimeSpan.Zero)),
                Inn = Decode(row.Inn),
                Name = Decode(row.Name),
                Kpp = row.Kpp,
                Ogrn = row.Ogrn,
                LegalAddress = Decode(row.LegalAddress),
                Phones = [Decode(row.Phone)],
                Emails = [row.Email],
                BankAccounts = row.Bik is null && row.BankAccount is null ? [] : [new RawBankAccount(row.Bik, row.BankAccount, Decode(row.BankName))],
                IsDeleted = row.IsDeleted,
            };
            var normalized = RecordNormalizer.Normalize(raw);
            Reject("store-a", "companies/" + id, normalized.Problems);
            if (normalized.Record is { } record)
            {
                Add(record);
                if (!row.IsDeleted)
                {
                    validRows.Add(row.Id);
                }
            }
            else
            {
                InvalidStoreARows.Add(id);
            }
        }

        foreach (var row in contacts)
        {
            var id = row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (row.CompanyId is not { } companyId || !validRows.Contains(companyId))
            {
                Reject("store-a", "contacts/" + id, [new Problem("contact.no-company", "company_id", null, "no company")]);
                continue;
            }

            var normalized = RecordNormalizer.Normalize(new RawContact
            {
                Source = new SourceRef(SourceStore.StoreA, id, new DateTimeOffset(row.UpdatedAt, TimeSpan.Zero)),
                CompanyInn = Decode(rows[companyId].Inn),
                FullName = Decode(row.FullName),
                Position = Decode(row.Position),
                Phones = [Decode(row.Phone)],
                Emails = [row.Email],
                IsDeleted = row.IsDeleted,
            });
            Reject("store-a", "contacts/" + id, normalized.Problems);
            if (normalized.Record is { } record)
            {
                _storeAContacts.Add(record);
            }
        }
    }

    private async Task ExportAsync(string path, Encoding? encoding)
    {
        var file = Path.GetFileName(path);
        var reader = new StoreBExportReader(new StoreBExportOptions { Encoding = encoding ?? Encoding.UTF8, SourceName = file });
        await foreach (var item in reader.ReadFileAsync(path, DateTimeOffset.MinValue))
        {
            switch (item.Result)
            {
                case PartnerChanged changed:
                    ExportPartners++;
                    Changed(changed);
                    break;
                case Rejected rejected:
                    ExportRejected++;
                    Reject("store-b", $"{file}#{item.Index}", [new Problem(rejected.Code, "partner", null, rejected.Message)]);
                    break;
                default:
                    throw new InvalidOperationException($"An export holds {item.Result}.");
            }
        }
    }

    private void Event(GeneratedEvent message)
    {
        EventMessages++;
        switch (SapEventParser.Parse(message.Value, "events@" + EventMessages))
        {
            case PartnerChanged changed:
                Changed(changed);
                break;
            case PartnerDeleted deleted:
                var partner = Partner(message.Key);
                if (partner.LastTin is { } tin)
                {
                    Add(new CompanyRecord { Source = new SourceRef(SourceStore.StoreB, message.Key, deleted.OccurredAt), Tin = Tin.Parse(tin).Value, IsDeleted = true });
                    partner.Versions.Add((deleted.OccurredAt, true, tin, []));
                }
                else
                {
                    Reject("store-b", message.Key, [new Problem("partner.unknown", "partnerId", deleted.PartnerId, "unknown")]);
                }

                break;
            case Rejected rejected:
                EventRejected++;
                Reject("store-b", message.Key, [new Problem(rejected.Code, "message", "sha256:" + Convert.ToHexStringLower(SHA256.HashData(message.Value)), rejected.Message)]);
                break;
        }
    }

    private void Changed(PartnerChanged changed)
    {
        var partnerId = changed.Company.Source.Id;
        var company = RecordNormalizer.Normalize(changed.Company);
        Reject("store-b", partnerId, company.Problems);
        var contacts = new List<ContactRecord>();
        foreach (var raw in changed.Contacts)
        {
            var contact = RecordNormalizer.Normalize(raw);
            Reject("store-b", raw.Source.Id, contact.Problems);
            if (contact.Record is { } contactRecord)
            {
                contacts.Add(contactRecord);
            }
        }

        var partner = Partner(partnerId);
        partner.Changed = true;
        var tin = company.Record?.Tin.Value;
        if (partner.LastTin is { } last && last != tin)
        {
            Add(new CompanyRecord { Source = changed.Company.Source with { }, Tin = Tin.Parse(last).Value, IsDeleted = true });
            partner.Versions.Add((changed.Company.Source.ChangedAt, true, last, []));
        }

        if (company.Record is { } record)
        {
            Add(record);
            partner.Versions.Add((record.Source.ChangedAt, false, record.Tin.Value, contacts));
            partner.EverValid = true;
        }

        partner.LastTin = tin;
    }

    private void Finish()
    {
        foreach (var (tin, records) in _companies)
        {
            Merged[tin] = CompanyMerger.Merge(Tin.Parse(tin).Value, records);
        }

        // A store B partner's contacts are those of its latest version; every contact it listed before and does not list
        // now (or every one, when the latest version is a deletion) is withdrawn.
        var live = new List<ContactRecord>(_storeAContacts.Where(c => !c.IsDeleted));
        foreach (var c in _storeAContacts.Where(c => c.IsDeleted))
        {
            DeadContactKeys.Add(c.Key.Value);
        }

        foreach (var partner in _partners.Values)
        {
            if (partner.Versions.Count == 0)
            {
                continue;
            }

            var latest = partner.Versions.Aggregate((a, b) => b.Time > a.Time || (b.Time == a.Time && b.Deleted && !a.Deleted) ? b : a);
            var liveSources = latest.Deleted ? [] : latest.Contacts.Select(c => c.Source.Id).ToHashSet(StringComparer.Ordinal);
            if (!latest.Deleted)
            {
                live.AddRange(latest.Contacts);
            }

            foreach (var c in partner.Versions.SelectMany(v => v.Contacts).Where(c => !liveSources.Contains(c.Source.Id)))
            {
                DeadContactKeys.Add(c.Key.Value);
            }
        }

        foreach (var group in live.GroupBy(c => c.Key.Value, StringComparer.Ordinal))
        {
            LiveContacts[group.Key] = [.. group];
        }

        DeadContactKeys.ExceptWith(LiveContacts.Keys);
    }

    private PartnerState Partner(string id)
    {
        if (!_partners.TryGetValue(id, out var partner))
        {
            partner = new PartnerState();
            _partners[id] = partner;
        }

        return partner;
    }

    /// <summary>Partner ids that never had a valid TIN.</summary>
    public int NeverValidPartners => _partners.Values.Count(p => p.Changed && !p.EverValid);

    private void Add(CompanyRecord record)
    {
        if (!_companies.TryGetValue(record.Tin.Value, out var list))
        {
            list = [];
            _companies[record.Tin.Value] = list;
        }

        list.Add(record);
    }

    private void Reject(string store, string sourceId, IEnumerable<Problem> problems)
    {
        foreach (var p in problems)
        {
            if (RejectKeys.Add(string.Join('\u001f', store, sourceId, p.Field, p.Code, p.RawValue ?? "\u0000")))
            {
                RejectsByReason[p.Code] = RejectsByReason.GetValueOrDefault(p.Code) + 1;
            }
        }
    }

    private static string? Decode(byte[]? bytes) => bytes is null ? null : SourceText.Decode(bytes);
}
