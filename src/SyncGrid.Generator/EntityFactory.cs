using System.Globalization;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Records;
using SyncGrid.Generator.Model;

namespace SyncGrid.Generator;

/// <summary>Allocates store A row ids: company ids with occasional gaps (hard-deleted rows), contact ids in order.</summary>
internal sealed class StoreAIds(long seed)
{
    private readonly Rng _rng = new(seed, 0xA11D5UL);
    private int _nextCompany = 1;
    private int _nextContact = 1;

    /// <summary>Company ids skipped since the last call of <see cref="TakeGaps"/>: rows that no longer exist.</summary>
    private readonly List<int> _gaps = [];

    public int NextCompany()
    {
        while (_rng.Chance(0.004))
        {
            _gaps.Add(_nextCompany++);
        }

        return _nextCompany++;
    }

    public int NextContact() => _nextContact++;

    public List<int> TakeGaps()
    {
        var gaps = new List<int>(_gaps);
        _gaps.Clear();
        return gaps;
    }
}

/// <summary>
/// Builds one company's source records: its facts, its store A rows with their contacts, its store B partners with
/// every version and delivery, each rendered messily with the clean values and expected problems kept beside.
/// Each entity draws from its own random stream, so its records do not depend on any other entity.
/// </summary>
internal sealed class EntityFactory(GeneratorContext context, StoreAIds ids)
{
    private static readonly double[] StaffWeights = [25, 45, 19, 7.3, 2.4, 0.75, 0.55];
    private static readonly string[] SecondMailboxes = ["sales@", "buh@", "office@", "zakaz@"];

    /// <summary>Name fields that hold no name (<c>name.format</c>).</summary>
    private static readonly string[] NotNames = ["???", "-", "—", "1С", "N/A 2"];
    private long _orphans;

    public EntityRecords Build(int index, Layout layout, string registerStatus, bool big)
    {
        var rng = new Rng(context.Seed, (ulong)index + 1);
        var facts = Facts(rng, index, registerStatus, big);
        var entity = new EntityRecords { Index = index, Layout = layout, Facts = facts };
        var (rows, partners) = layout switch
        {
            Layout.A1 or Layout.Withdrawn or Layout.InvalidA => (1, 0),
            Layout.B1 or Layout.InvalidB => (0, 1),
            Layout.AB => (1, 1),
            Layout.AA => (2, 0),
            Layout.BB => (0, 2),
            Layout.ABB => (1, 2),
            _ => throw new ArgumentOutOfRangeException(nameof(layout)),
        };

        // Store B first: store A times are then kept clear of every store B version time of the same company.
        var firstEntries = new List<Entry>();
        for (var k = 0; k < partners; k++)
        {
            entity.Partners.Add(Partner(rng, entity, k, partners, big && k == 0, firstEntries));
        }

        var bTimes = entity.Partners.SelectMany(p => p.Deliveries).Select(d => d.Version.Time).Distinct().ToList();
        var deletedRow = layout == Layout.Withdrawn ? 0 : (rows == 2 || layout is Layout.AB or Layout.ABB) && rng.Chance(0.1) ? rng.Next(rows) : -1;
        for (var r = 0; r < rows; r++)
        {
            entity.Rows.Add(Row(rng, entity, r, deleted: r == deletedRow, bTimes));
        }

        return entity;
    }

    /// <summary>Contact rows whose company row does not exist (a gap id) or whose company_id is NULL.</summary>
    public List<StoreAContactRecord> Orphans(long stream, IReadOnlyList<int?> companyIds)
    {
        var rng = new Rng(context.Seed, 0x0E9A000000UL + (ulong)stream);
        var result = new List<StoreAContactRecord>();
        foreach (var companyId in companyIds)
        {
            var count = rng.Between(1, 3);
            for (var i = 0; i < count; i++)
            {
                var person = People.New(context, rng, GeneratorContext.OrphanIdBase + _orphans++, "orphan.example.com", null, shared: false, office: null);
                var time = Between(rng, GeneratorContext.StoreAFrom, GeneratorContext.MainExportAt);
                var contactId = ids.NextContact();
                var version = StoreAContact(rng, person, contactId, time, tin: null, companyOk: false, deleted: false, ghost: false);
                result.Add(new StoreAContactRecord { Id = contactId, CompanyId = companyId, Version = version, Utf8 = rng.Chance(0.2) });
            }
        }

        return result;
    }

    // ---- facts ---------------------------------------------------------------------------------------------------

    private CompanyFacts Facts(Rng rng, int index, string registerStatus, bool big)
    {
        var individual = rng.Chance(0.08);
        var city = rng.Pick(Vocabulary.Cities);
        var tin = individual
            ? Tin.FromBody(city.Region + context.Unique8(index)).Value
            : Tin.FromBody(city.Region + context.Unique7(index)).Value;
        var year = rng.Between(2, 24).ToString("D2", CultureInfo.InvariantCulture);
        var ogrn = individual
            ? Identifiers.CompleteOgrn("3" + year + city.Region + context.Unique9(index))
            : Identifiers.CompleteOgrn("1" + year + city.Region + context.Unique7(index));

        var usedLocals = new HashSet<string>(StringComparer.Ordinal);
        Person? owner = null;
        string legalShort, legalFull, baseName, displayShort, displayFull, domain;
        if (individual)
        {
            owner = People.New(context, rng, (long)index * 512, null, null, shared: false, office: null);
            legalShort = "ИП";
            legalFull = "Индивидуальный предприниматель";
            baseName = string.Join(' ', new[] { owner.Last, owner.First, owner.Middle }.Where(x => x is not null));
            displayShort = "ИП " + baseName;
            displayFull = legalFull + " " + baseName;
            domain = $"ip-{Vocabulary.Slug(owner.Last)}-{People.Base36(index)}.example.com";
        }
        else
        {
            var form = Vocabulary.LegalForms[rng.Weighted(Vocabulary.LegalForms.Select(f => f.Weight).ToArray())];
            legalShort = form.Short;
            legalFull = form.Full;
            var second = rng.Pick(Vocabulary.NameSecondParts);
            baseName = rng.Pick(Vocabulary.NameFirstParts) + (second.Length == 0 ? string.Empty : (rng.Chance(0.5) ? " " : "-") + second);
            displayShort = $"{legalShort} \"{baseName}\"";
            displayFull = $"{legalFull} \"{baseName}\"";
            domain = $"{Vocabulary.Slug(baseName)}-{People.Base36(index)}.example.com";
        }

        var street = rng.Pick(Vocabulary.Streets);
        var postcode = city.Postcode + rng.Next((int)Math.Pow(10, 6 - city.Postcode.Length)).ToString(new string('0', 6 - city.Postcode.Length), CultureInfo.InvariantCulture);
        var house = rng.Between(1, 180).ToString(CultureInfo.InvariantCulture);
        var suffix = rng.Weighted([60, 20, 20]) switch
        {
            1 => ", оф. " + rng.Between(1, 450).ToString(CultureInfo.InvariantCulture),
            2 => ", стр. " + rng.Between(1, 9).ToString(CultureInfo.InvariantCulture),
            _ => string.Empty,
        };
        var address = $"{postcode}, {city.Name}, {street}, д. {house}{suffix}";
        var oldAddress = $"{postcode}, {city.Name}, {rng.Pick(Vocabulary.Streets)}, д. {rng.Between(1, 180).ToString(CultureInfo.InvariantCulture)}";

        var phones = new List<CleanPhone> { Fixed(rng, city, rng.Chance(0.08)) };
        if (rng.Chance(0.3))
        {
            phones.Add(Fixed(rng, city, false));
        }

        if (rng.Chance(0.2))
        {
            phones.Add(context.Mobile((long)index * 512 + 511));
        }

        var emails = new List<string> { "info@" + domain };
        if (rng.Chance(0.4))
        {
            emails.Add(rng.Pick(SecondMailboxes) + domain);
        }

        var accounts = new List<CleanAccount>();
        var accountCount = rng.Weighted([15, 70, 15]);
        for (var a = 0; a < accountCount; a++)
        {
            var bank = rng.Pick(Vocabulary.Banks);
            var body = (individual ? "40802810" : "40702810") + "0" + rng.NextLong(100_000_000_000L).ToString("D11", CultureInfo.InvariantCulture);
            accounts.Add(new CleanAccount(bank.Bik, Identifiers.CompleteAccount(bank.Bik, body), bank.Name));
        }

        string? headKpp = null;
        var branches = new List<string>();
        if (!individual)
        {
            headKpp = tin[..4] + "01001";
            if (rng.Chance(0.15))
            {
                var count = rng.Between(1, 2);
                for (var b = 0; b < count; b++)
                {
                    var branchCity = rng.Pick(Vocabulary.Cities);
                    branches.Add(branchCity.Region + rng.Between(1, 50).ToString("D2", CultureInfo.InvariantCulture) + "43" + (b + 1).ToString("D3", CultureInfo.InvariantCulture));
                }
            }
        }

        var staff = new List<Person>();
        if (owner is not null)
        {
            // The entrepreneur is also the company's first contact.
            var local = $"{Vocabulary.Slug(owner.First)[..1]}.{Vocabulary.Slug(owner.Last)}";
            usedLocals.Add(local);
            staff.Add(new Person
            {
                Id = owner.Id,
                Last = owner.Last,
                First = owner.First,
                Middle = owner.Middle,
                Email = rng.Chance(0.75) ? local + "@" + domain : null,
                Mobile = rng.Chance(0.9) ? context.Mobile(owner.Id) : null,
                Position = "индивидуальный предприниматель",
                LaterPosition = "индивидуальный предприниматель",
            });
        }

        var staffCount = big ? rng.Between(150, 300) : rng.Weighted(StaffWeights) switch
        {
            6 => rng.Between(6, 10),
            var n => n,
        };
        if (individual)
        {
            staffCount = Math.Min(staffCount, 1);
        }

        for (var p = staff.Count; p < staffCount + (owner is null ? 0 : 1); p++)
        {
            staff.Add(People.New(context, rng, (long)index * 512 + p, domain, usedLocals, shared: false, office: phones[0]));
        }

        var registered = new DateTimeOffset(2000 + int.Parse(year, CultureInfo.InvariantCulture), 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(rng.Next(360));
        return new CompanyFacts
        {
            Index = index,
            Individual = individual,
            Tin = tin,
            City = city,
            LegalShort = legalShort,
            LegalFull = legalFull,
            BaseName = baseName,
            DisplayShort = displayShort,
            DisplayFull = displayFull,
            HeadKpp = headKpp,
            BranchKpps = branches,
            Ogrn = ogrn,
            Address = address,
            OldAddress = oldAddress,
            RegisterAddress = address.Replace(".", string.Empty, StringComparison.Ordinal),
            Phones = phones,
            OldPhone = Fixed(rng, city, false),
            Emails = emails,
            Domain = domain,
            Accounts = accounts,
            Staff = staff,
            RegisterStatus = registerStatus,
            RegistrationDate = registered,
        };
    }

    private static CleanPhone Fixed(Rng rng, Vocabulary.City city, bool extension) =>
        new("+7" + city.AreaCode + rng.Between(2_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
            extension ? rng.Between(1, 999).ToString(CultureInfo.InvariantCulture) : null,
            Mobile: false);

    // ---- store B ---------------------------------------------------------------------------------------------------

    /// <summary>A contact listed inside a partner: stable across the partner's versions.</summary>
    private sealed record Entry(Person? Person, string ContactId, int FirstVersion, ulong RenderSeed, int PositionChangeAt);

    private PartnerRecord Partner(Rng rng, EntityRecords entity, int k, int partnerCount, bool big, List<Entry> firstEntries)
    {
        var facts = entity.Facts;
        var partner = new PartnerRecord { Id = (10_000_000L + ((long)entity.Index * 4) + k).ToString("D10", CultureInfo.InvariantCulture) };
        var invalid = entity.Layout == Layout.InvalidB;

        // Where the partner's versions live.
        var roll = rng.NextDouble();
        var eventsOnly = invalid ? roll < 0.05 : roll < 0.04;
        var oldOnly = !eventsOnly && (invalid ? roll < 0.10 : roll < 0.07);
        var corrected = !invalid && !eventsOnly && !oldOnly && entity.Layout == Layout.B1 && rng.Chance(0.0025);
        var inMain = !eventsOnly && !oldOnly;
        var inOld = oldOnly || (inMain && !corrected && rng.Chance(0.12));
        var changes = eventsOnly ? (rng.Chance(0.15) ? 1 : 0) + 1 : inMain && (corrected || rng.Chance(0.08)) ? rng.Weighted([0, 70, 25, 5]) : 0;
        var stale = inMain && !corrected && rng.Chance(0.01);
        var deleteLater = invalid ? rng.Chance(0.1) : k == 1 && rng.Chance(0.3);
        var mainChannel = rng.Chance(0.45) ? Channel.ExportPart1 : Channel.ExportPart2;
        var kpp = facts.Individual ? null : rng.Weighted([78, facts.BranchKpps.Count > 0 ? (k > 0 ? 50 : 12) : 0, 10]) switch
        {
            0 => facts.HeadKpp,
            1 => rng.Pick(facts.BranchKpps),
            _ => null,
        };

        // Version times, oldest first.
        var times = new List<(DateTimeOffset Time, Channel Channel)>();
        if (inOld)
        {
            times.Add((GeneratorContext.OldExportAt, Channel.OldExport));
        }

        if (inMain)
        {
            times.Add((GeneratorContext.MainExportAt, mainChannel));
        }

        var eventTimes = new List<DateTimeOffset>();
        for (var c = 0; c < changes; c++)
        {
            eventTimes.Add(Millis(Between(rng, GeneratorContext.EventsFrom.AddHours(1), GeneratorContext.EventsTo.AddDays(-4))));
        }

        eventTimes.Sort();
        times.AddRange(eventTimes.Select(t => (t, Channel.Event)));

        // Contacts: the company's own people, shared people, repeats under another contact id; a big partner has hundreds.
        var entries = new List<Entry>();
        var versions = times.Count;
        var contactSeq = (entity.Index * 5000) + (k * 1600);
        if (k == 1 && deleteLater && !invalid)
        {
            // A duplicate partner id that SAP later deletes: it repeats contacts of the first partner exactly, so that
            // its deletion withdraws only these source records and every person stays known through the first one.
            foreach (var e in firstEntries.Where(e => e.FirstVersion == 0 && e.Person is not null && rng.Chance(0.6)))
            {
                entries.Add(e with { ContactId = "C-" + (contactSeq++).ToString(CultureInfo.InvariantCulture), PositionChangeAt = int.MaxValue });
            }
        }
        else
        {
            var staffShare = big ? 1.0 : 0.85;
            foreach (var person in facts.Staff)
            {
                if (!rng.Chance(staffShare))
                {
                    continue;
                }

                var copies = 1 + (rng.Chance(0.3) ? 1 : 0);
                for (var c = 0; c < copies; c++)
                {
                    entries.Add(NewEntry(rng, person, ref contactSeq, versions));
                }
            }

            var pooled = big ? rng.Between(300, 900) : Binomial(rng, 8, 0.42);
            for (var i = 0; i < pooled; i++)
            {
                entries.Add(NewEntry(rng, rng.Pick(context.Pool), ref contactSeq, versions));
            }

            if (rng.Chance(0.012))
            {
                entries.Add(NewEntry(rng, null, ref contactSeq, versions));
            }

            rng.Shuffle(entries);
            if (k == 0)
            {
                firstEntries.AddRange(entries);
            }
        }

        // The versions.
        for (var v = 0; v < times.Count; v++)
        {
            var (time, channel) = times[v];
            var tinValid = !invalid && !(corrected && v == 0);
            var version = PartnerVersion(rng, facts, partner.Id, time, v, tinValid, kpp, entries, channel == Channel.OldExport, channel == Channel.Event ? rng.NextGuid() : Guid.Empty);
            partner.Deliveries.Add(new Delivery { Channel = channel, Version = version, DeliveredAt = time });
            if (channel == Channel.Event && rng.Chance(0.03))
            {
                partner.Deliveries.Add(new Delivery { Channel = channel, Version = version, DeliveredAt = time.AddMinutes(rng.Between(1, 2 * 24 * 60)), Duplicate = true });
            }
        }

        if (stale)
        {
            // An old change delivered late: older than the export version, so it changes nothing.
            var time = Millis(Between(rng, GeneratorContext.OldExportAt.AddDays(2), GeneratorContext.MainExportAt.AddDays(-2)));
            var version = PartnerVersion(rng, facts, partner.Id, time, 0, !invalid, kpp, entries, old: true, rng.NextGuid());
            partner.Deliveries.Add(new Delivery { Channel = Channel.Event, Version = version, DeliveredAt = Between(rng, GeneratorContext.EventsFrom, GeneratorContext.EventsTo), Stale = true });
        }

        if (deleteLater)
        {
            var last = times.Count == 0 ? GeneratorContext.EventsFrom : times[^1].Time;
            if (last < GeneratorContext.EventsFrom)
            {
                last = GeneratorContext.EventsFrom;
            }

            var time = Millis(last.AddMinutes(rng.Between(120, 4 * 24 * 60)).AddMilliseconds(rng.Next(60_000)));
            var deletion = new CompanyVersion
            {
                Store = SourceStore.StoreB,
                SourceId = partner.Id,
                Time = time,
                Deleted = true,
                TinValid = !invalid,
                EventId = rng.NextGuid(),
            };
            partner.Deliveries.Add(new Delivery { Channel = Channel.Event, Version = deletion, DeliveredAt = time });
        }

        return partner;
    }

    private static Entry NewEntry(Rng rng, Person? person, ref int contactSeq, int versions) =>
        new(person,
            "C-" + (contactSeq++).ToString(CultureInfo.InvariantCulture),
            versions > 1 && rng.Chance(0.1) ? rng.Between(1, versions - 1) : 0,
            rng.NextUInt64(),
            versions > 1 && rng.Chance(0.15) ? rng.Between(1, versions - 1) : int.MaxValue);

    private CompanyVersion PartnerVersion(Rng rng, CompanyFacts facts, string partnerId, DateTimeOffset time, int v, bool tinValid, string? kpp, List<Entry> entries, bool old, Guid eventId)
    {
        var raw = new RawCompanyText();
        var problems = new List<ExpectedProblem>();
        CompanyValues? values = null;
        string rawInnForContacts;
        if (tinValid)
        {
            raw.Inn = Render.Tin(rng, facts.Tin, storeB: true, out var asNumber);
            raw.InnAsNumber = asNumber;
            rawInnForContacts = raw.Inn;
            values = Values(rng, facts, kpp, old, raw, problems, storeB: true);
            raw.Category = rng.Weighted([96, 2.5, 1, 0.5]) switch
            {
                1 => null,
                2 => (facts.Individual ? "PERSON" : "ORGANIZATION").ToLowerInvariant(),
                3 => facts.Individual ? "ORGANIZATION" : "PERSON",
                _ => facts.Individual ? "PERSON" : "ORGANIZATION",
            };
            if (raw.Category is "ORGANIZATION" && facts.Individual || raw.Category is "PERSON" && !facts.Individual)
            {
                problems.Insert(0, new("category.mismatch", "category", raw.Category));
            }
        }
        else
        {
            var bad = Render.InvalidTin(rng, facts.Tin, kpp, storeB: true);
            raw.Inn = bad.Raw;
            raw.TaxNumbersAsString = bad.TaxNumbersAsString;
            rawInnForContacts = bad.Raw!;
            problems.Add(bad.Problem);
            raw.Category = facts.Individual ? "PERSON" : "ORGANIZATION";

            // The rest of the record is written as usual; the normaliser stops at the TIN.
            Values(rng, facts, kpp, old, raw, [], storeB: true);
        }

        var version = new CompanyVersion
        {
            Store = SourceStore.StoreB,
            SourceId = partnerId,
            Time = time,
            TinValid = tinValid,
            Values = values,
            Raw = raw,
            EventId = eventId,
        };
        version.Problems.AddRange(problems);
        foreach (var entry in entries)
        {
            if (entry.FirstVersion > v)
            {
                continue;
            }

            var fate = tinValid ? ContactFate.Record : ContactFate.CompanyInvalid;
            version.Contacts.Add(StoreBContact(entry, partnerId, time, v, facts.Tin, fate, raw.TaxNumbersAsString ? null : rawInnForContacts));
        }

        return version;
    }

    private ContactVersion StoreBContact(Entry entry, string partnerId, DateTimeOffset time, int v, string tin, ContactFate fate, string? rawInn)
    {
        var rng = new Rng(context.Seed, entry.RenderSeed);
        var raw = new RawContactText();
        var problems = new List<ExpectedProblem>();
        string? last = null, first = null, middle = null;
        var phones = new List<CleanPhone>();
        var emails = new List<string>();
        var person = entry.Person;
        if (person is null)
        {
            // Nothing to know the person by: a switchboard number only.
            if (rng.Chance(0.7))
            {
                raw.Phones.Add("8 (495) 100-00-00 доб. " + rng.Between(100, 999).ToString(CultureInfo.InvariantCulture));
                phones.Add(new CleanPhone("+74951000000", raw.Phones[0][^3..], Mobile: false));
            }
        }
        else
        {
            var name = Render.NameParts(rng, person, out last, out first, out middle);
            var noName = rng.Chance(0.015);
            if (noName)
            {
                last = first = middle = null;
            }
            else
            {
                (raw.LastName, raw.FirstName, raw.MiddleName) = name;
            }

            Channels(rng, person, storeA: false, raw, phones, emails, problems);
        }

        var positionRng = new Rng(context.Seed, entry.RenderSeed ^ 0x5A5A5A5AUL);
        var position = person is null || positionRng.Chance(0.2) ? null : v >= entry.PositionChangeAt ? person.LaterPosition : person.Position;
        raw.Position = position is null ? null : Render.Text(positionRng, position);

        return Contact(SourceStore.StoreB, partnerId + "/" + entry.ContactId, entry.ContactId, time, deleted: false, fate, tin, rawInn, raw, last, first, middle, position, phones, emails, problems, nameField: "full_name", shared: person?.Shared ?? false);
    }

    // ---- store A ---------------------------------------------------------------------------------------------------

    private StoreARowRecord Row(Rng rng, EntityRecords entity, int r, bool deleted, List<DateTimeOffset> bTimes)
    {
        var facts = entity.Facts;
        var id = ids.NextCompany();
        var time = StoreATime(rng, bTimes, entity.Rows.Select(x => x.Version.Time));
        var utf8 = time >= new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero) ? rng.Chance(0.45) : rng.Chance(0.05);
        var kpp = facts.Individual ? null : rng.Weighted([78, facts.BranchKpps.Count > 0 ? (r > 0 ? 50 : 12) : 0, 10]) switch
        {
            0 => facts.HeadKpp,
            1 => rng.Pick(facts.BranchKpps),
            _ => null,
        };

        var raw = new RawCompanyText();
        var problems = new List<ExpectedProblem>();
        var tinValid = entity.ValidTin;
        CompanyValues? values = null;
        if (tinValid)
        {
            raw.Inn = Render.Tin(rng, facts.Tin, storeB: false, out _);
            var v = Values(rng, facts, kpp, old: time < GeneratorContext.OldExportAt, raw, problems, storeB: false);
            if (deleted)
            {
                // A deleted row is withdrawn as it stands: the normaliser reports nothing about its fields.
                problems.Clear();
            }
            else
            {
                values = v;
            }
        }
        else
        {
            var bad = Render.InvalidTin(rng, facts.Tin, kpp, storeB: false);
            raw.Inn = bad.Raw;
            problems.Add(bad.Problem);
            Values(rng, facts, kpp, old: false, raw, [], storeB: false);
        }

        var version = new CompanyVersion
        {
            Store = SourceStore.StoreA,
            SourceId = id.ToString(CultureInfo.InvariantCulture),
            Time = time,
            Deleted = deleted,
            TinValid = tinValid,
            Values = values,
            Raw = raw,
        };
        version.Problems.AddRange(problems);
        var row = new StoreARowRecord { Id = id, Version = version, Utf8 = utf8 };

        // Contacts of the row: the company's people (some twice), now and then a shared person or a nameless entry.
        var companyOk = tinValid && !deleted;
        var people = new List<Person?>();
        foreach (var person in facts.Staff)
        {
            if (rng.Chance(0.85))
            {
                people.Add(person);
                if (rng.Chance(0.1))
                {
                    people.Add(person);
                }
            }
        }

        var pooled = Binomial(rng, 2, 0.1);
        for (var i = 0; i < pooled; i++)
        {
            people.Add(rng.Pick(context.Pool));
        }

        if (rng.Chance(0.01))
        {
            people.Add(null);
        }

        foreach (var person in people)
        {
            var contactId = ids.NextContact();
            var contactTime = SeparatedTime(rng, time.AddDays(-400) < GeneratorContext.StoreAFrom ? GeneratorContext.StoreAFrom : time.AddDays(-400), time, bTimes, time);
            var contactDeleted = companyOk && person is not null && rng.Chance(0.03);
            var contact = StoreAContact(rng, person, contactId, contactTime, tinValid ? facts.Tin : null, companyOk, contactDeleted, ghost: person is null);
            row.Contacts.Add(new StoreAContactRecord { Id = contactId, CompanyId = id, Version = contact, Utf8 = utf8 });
        }

        return row;
    }

    private static ContactVersion StoreAContact(Rng rng, Person? person, int contactId, DateTimeOffset time, string? tin, bool companyOk, bool deleted, bool ghost)
    {
        var raw = new RawContactText();
        var problems = new List<ExpectedProblem>();
        string? last = null, first = null, middle = null;
        var phones = new List<CleanPhone>();
        var emails = new List<string>();
        if (ghost || person is null)
        {
            if (rng.Chance(0.7))
            {
                raw.Phones.Add("8 (495) 100-00-00 доб. " + rng.Between(100, 999).ToString(CultureInfo.InvariantCulture));
                phones.Add(new CleanPhone("+74951000000", raw.Phones[0][^3..], Mobile: false));
            }
        }
        else
        {
            var style = deleted ? 0 : rng.Weighted([97, 1.2, 0.5, 0.8, 0.5]);
            switch (style)
            {
                case 1:
                    raw.FullName = null;
                    problems.Add(new("name.missing", "full_name", null));
                    break;
                case 2:
                    raw.FullName = string.Empty;
                    problems.Add(new("name.missing", "full_name", string.Empty));
                    break;
                case 3:
                    raw.FullName = rng.Pick(NotNames);
                    problems.Add(new("name.format", "full_name", raw.FullName));
                    break;
                case 4:
                    raw.FullName = "   ";
                    problems.Add(new("name.missing", "full_name", "   "));
                    break;
                default:
                    raw.FullName = Render.FullName(rng, person, out last, out first, out middle);
                    break;
            }

            Channels(rng, person, storeA: true, raw, phones, emails, problems, clean: deleted);
        }

        var position = person is null || rng.Chance(0.3) ? null : person.Position;
        raw.Position = position is null ? null : Render.Text(rng, position);
        var fate = companyOk ? ContactFate.Record : ContactFate.NoCompany;
        var id = contactId.ToString(CultureInfo.InvariantCulture);
        if (fate == ContactFate.NoCompany)
        {
            return new ContactVersion
            {
                Store = SourceStore.StoreA,
                SourceId = id,
                Time = time,
                Fate = fate,
                Raw = raw,
                Problems = [new("contact.no-company", "company_id", null)],
            };
        }

        return Contact(SourceStore.StoreA, id, null, time, deleted, fate, tin!, tin, raw, last, first, middle, position, phones, emails, problems, nameField: "full_name", shared: person?.Shared ?? false);
    }

    // ---- shared pieces ---------------------------------------------------------------------------------------------

    /// <summary>A contact's phones and e-mails: which it gives, in which notation, with the odd bad value.</summary>
    private static void Channels(Rng rng, Person person, bool storeA, RawContactText raw, List<CleanPhone> phones, List<string> emails, List<ExpectedProblem> problems, bool clean = false)
    {
        if (person.Email is { } email && rng.Chance(0.95))
        {
            emails.Add(email);
        }

        var mobile = person.Mobile is { } m && rng.Chance(0.9) ? m : null;
        var office = person.Office is { } o && rng.Chance(0.5) ? o : null;
        if (mobile is not null && office is not null && rng.Chance(0.3))
        {
            phones.Add(office);
            phones.Add(mobile);
        }
        else
        {
            if (mobile is not null)
            {
                phones.Add(mobile);
            }

            if (office is not null)
            {
                phones.Add(office);
            }
        }

        string? badPhone = null;
        var badPhoneCode = "phone.format";
        if (!clean && rng.Chance(0.02))
        {
            var garbage = rng.Chance(0.5);
            badPhone = rng.Pick(garbage ? Vocabulary.ContactPhoneGarbage : Vocabulary.ContactPhoneInvalid);
            badPhoneCode = garbage ? "phone.format" : "phone.invalid";
        }

        var badEmail = !clean && rng.Chance(0.01) ? rng.Pick(Vocabulary.ContactEmailInvalid) : null;
        var displayName = $"{person.Last} {person.First}";
        if (storeA)
        {
            if (Render.PhoneField(rng, phones, badPhone, badPhoneCode, problems) is { } phoneField)
            {
                raw.Phones.Add(phoneField);
            }

            if (Render.EmailField(rng, emails, displayName, badEmail, problems) is { } emailField)
            {
                raw.Emails.Add(emailField);
            }
        }
        else
        {
            Render.PhoneList(rng, phones, badPhone, badPhoneCode, raw.Phones, problems);
            Render.EmailList(rng, emails, displayName, badEmail, raw.Emails, problems);
        }
    }

    /// <summary>Completes a contact version: its key by the identity rule, or why it has none.</summary>
    private static ContactVersion Contact(SourceStore store, string sourceId, string? contactId, DateTimeOffset time, bool deleted, ContactFate fate, string tin, string? rawInn,
        RawContactText raw, string? last, string? first, string? middle, string? position, List<CleanPhone> phones, List<string> emails, List<ExpectedProblem> problems, string nameField, bool shared)
    {
        if (fate == ContactFate.CompanyInvalid)
        {
            return new ContactVersion
            {
                Store = store,
                SourceId = sourceId,
                ContactId = contactId,
                Time = time,
                Fate = fate,
                Raw = raw,
                Problems = [new("contact.company", "company_inn", rawInn)],
            };
        }

        if (last is null && first is null && middle is null && !problems.Exists(p => p.Code.StartsWith("name.", StringComparison.Ordinal)))
        {
            problems.Insert(0, new("name.missing", nameField, null));
        }

        string? key = null;
        if (emails.Count > 0)
        {
            key = "email:" + emails[0];
        }
        else if (phones.Find(p => p.Mobile) is { } mobile)
        {
            key = "mobile:" + mobile.E164;
        }
        else if (last is not null || first is not null || middle is not null)
        {
            key = $"name:{tin}:{Render.NameKey(last, first, middle)}";
        }

        if (key is null)
        {
            problems.Add(new("contact.identity", "contact", null));
            fate = ContactFate.NoIdentity;
        }

        return new ContactVersion
        {
            Store = store,
            SourceId = sourceId,
            ContactId = contactId,
            Time = time,
            Deleted = deleted,
            Fate = fate,
            Key = key,
            Last = last,
            First = first,
            Middle = middle,
            Position = position,
            Phones = phones,
            Emails = emails,
            Raw = raw,
            Problems = problems,
            Shared = shared,
        };
    }

    /// <summary>
    /// Chooses the clean values of one company record version and writes them into <paramref name="raw"/>, with the
    /// odd bad value (its problem added, the value left out of the clean record).
    /// </summary>
    private static CompanyValues Values(Rng rng, CompanyFacts facts, string? kpp, bool old, RawCompanyText raw, List<ExpectedProblem> problems, bool storeB)
    {
        // Name.
        string? name = rng.Weighted([72, 12, 10, facts.Individual ? 0 : 3, 0.4]) switch
        {
            1 => facts.DisplayFull,
            2 => facts.DisplayShort.ToUpperInvariant(),
            3 => $"{facts.BaseName}, {facts.LegalShort}",
            4 => null,
            _ => facts.DisplayShort,
        };
        if (name is null)
        {
            raw.Name = rng.Chance(0.5) ? null : "  ";
            problems.Add(new("name.missing", "name", raw.Name));
        }
        else
        {
            raw.Name = Render.CompanyName(rng, name);
        }

        // KPP and OGRN.
        string? cleanKpp = kpp;
        if (kpp is not null)
        {
            if (rng.Chance(0.01))
            {
                raw.Kpp = kpp[..8];
                problems.Add(new("kpp.format", "kpp", raw.Kpp));
                cleanKpp = null;
            }
            else
            {
                raw.Kpp = Render.Kpp(rng, kpp, storeB, out var kppAsNumber);
                raw.KppAsNumber = kppAsNumber;
            }
        }

        string? ogrn = null;
        if (rng.Chance(0.82))
        {
            if (rng.Chance(0.01))
            {
                raw.Ogrn = Identifiers.BreakOgrn(facts.Ogrn);
                problems.Add(new("ogrn.checksum", "ogrn", raw.Ogrn));
            }
            else
            {
                ogrn = facts.Ogrn;
                raw.Ogrn = Render.Ogrn(rng, ogrn, storeA: !storeB);
            }
        }

        // Address.
        string? address = null;
        if (rng.Chance(0.85))
        {
            address = rng.Chance(old ? 0.5 : 0.08) ? facts.OldAddress : facts.Address;
            raw.Address = Render.Text(rng, address);
        }

        // Phones: a subset of the company's numbers (older records know an older one), the odd bad value.
        var phones = new List<CleanPhone>();
        if (!rng.Chance(0.06))
        {
            for (var i = 0; i < facts.Phones.Count; i++)
            {
                if (rng.Chance(i == 0 ? 0.9 : 0.6))
                {
                    phones.Add(old && i == 0 && rng.Chance(0.4) ? facts.OldPhone : facts.Phones[i]);
                }
            }
        }

        string? badPhone = null;
        var badPhoneCode = "phone.format";
        if (rng.Chance(0.04))
        {
            var garbage = rng.Chance(0.6);
            badPhone = rng.Pick(garbage ? Vocabulary.CompanyPhoneGarbage : Vocabulary.CompanyPhoneInvalid);
            badPhoneCode = garbage ? "phone.format" : "phone.invalid";
        }

        // E-mails.
        var emails = new List<string>();
        foreach (var email in facts.Emails)
        {
            if (rng.Chance(0.78))
            {
                emails.Add(email);
            }
        }

        var badEmail = rng.Chance(0.03) ? rng.Pick(Vocabulary.CompanyEmailInvalid) : null;
        if (storeB)
        {
            foreach (var phone in phones)
            {
                raw.PhoneTypes.Add(phone.Mobile ? "MOBILE" : rng.Chance(0.1) ? "FAX" : "WORK");
            }

            Render.PhoneList(rng, phones, badPhone, badPhoneCode, raw.Phones, problems);
            while (raw.PhoneTypes.Count < raw.Phones.Count)
            {
                raw.PhoneTypes.Add("WORK");
            }

            Render.EmailList(rng, emails, "Отдел продаж", badEmail, raw.Emails, problems);
        }
        else
        {
            if (Render.PhoneField(rng, phones, badPhone, badPhoneCode, problems) is { } field)
            {
                raw.Phones.Add(field);
            }

            if (Render.EmailField(rng, emails, "Отдел продаж", badEmail, problems) is { } emailField)
            {
                raw.Emails.Add(emailField);
            }
        }

        // Bank accounts (store A has room for one).
        var accounts = new List<CleanAccount>();
        var candidates = storeB ? facts.Accounts : facts.Accounts.Take(1).ToList();
        foreach (var account in candidates)
        {
            if (!rng.Chance(0.85))
            {
                continue;
            }

            var bankName = rng.Chance(0.9) ? account.BankName : null;
            var rawName = bankName is null ? null : Render.Text(rng, bankName);
            switch (rng.Weighted([98, 1, 1]))
            {
                case 1:
                    {
                        var broken = Identifiers.BreakAccount(account.Account);
                        var rawAccount = Render.Account(rng, broken);
                        raw.Accounts.Add(new RawAccountText(Render.Bik(rng, account.Bik), rawAccount, rawName));
                        problems.Add(new("account.checksum", "bank_account", rawAccount));
                        break;
                    }

                case 2:
                    {
                        var rawBik = account.Bik[..6];
                        raw.Accounts.Add(new RawAccountText(rawBik, Render.Account(rng, account.Account), rawName));
                        problems.Add(new("bik.length", "bik", rawBik));
                        break;
                    }

                default:
                    raw.Accounts.Add(new RawAccountText(Render.Bik(rng, account.Bik), Render.Account(rng, account.Account), rawName));
                    accounts.Add(account with { BankName = bankName });
                    break;
            }
        }

        return new CompanyValues
        {
            Name = name,
            Kpp = cleanKpp,
            Ogrn = ogrn,
            Address = address,
            Phones = phones,
            Emails = emails,
            Accounts = accounts,
        };
    }

    /// <summary>A time in [from, to) at least 26 hours from every store B time (so that no time zone reading of store A's DATETIME changes which record is newer), else <paramref name="fallback"/>.</summary>
    private static DateTimeOffset SeparatedTime(Rng rng, DateTimeOffset from, DateTimeOffset to, List<DateTimeOffset> bTimes, DateTimeOffset fallback)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var time = Between(rng, from, to);
            if (bTimes.TrueForAll(b => (b - time).Duration() >= TimeSpan.FromHours(26)))
            {
                return time;
            }
        }

        return fallback;
    }

    private static DateTimeOffset StoreATime(Rng rng, List<DateTimeOffset> bTimes, IEnumerable<DateTimeOffset> taken)
    {
        var used = taken.ToList();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var time = rng.Chance(0.25)
                ? Between(rng, GeneratorContext.EventsFrom, GeneratorContext.EventsTo)
                : Between(rng, GeneratorContext.StoreAFrom, GeneratorContext.MainExportAt.AddDays(-10));
            if (bTimes.TrueForAll(b => (b - time).Duration() >= TimeSpan.FromHours(26)) && !used.Contains(time))
            {
                return time;
            }
        }

        // Far from every store B time (those are all from late 2025 on).
        return Between(rng, GeneratorContext.StoreAFrom, new DateTimeOffset(2024, 12, 1, 0, 0, 0, TimeSpan.Zero));
    }

    /// <summary>The time to the millisecond, as events carry it (<c>occurredAt</c>).</summary>
    internal static DateTimeOffset Millis(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>A time in [from, to) with microsecond precision (store A keeps DATETIME(6)).</summary>
    internal static DateTimeOffset Between(Rng rng, DateTimeOffset from, DateTimeOffset to)
    {
        var micros = (to - from).Ticks / 10;
        return from.AddTicks(rng.NextLong(micros) * 10);
    }

    private static int Binomial(Rng rng, int n, double p)
    {
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            if (rng.Chance(p))
            {
                count++;
            }
        }

        return count;
    }
}
