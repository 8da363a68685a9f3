using System.Globalization;
using SyncGrid.Domain.Merge;
using SyncGrid.Domain.Records;

namespace SyncGrid.Generator.Tests;

/// <summary>
/// The expected outcome against an independent replay of everything the generator wrote, through the product's
/// readers, normaliser and mergers (<see cref="SourceReplay"/>): every count and every sampled record must agree.
/// </summary>
public sealed class OracleSelfCheckTests(GeneratedData data) : IClassFixture<GeneratedData>
{
    [Fact]
    public async Task Companies_ReplayAgreesWithExpectedCounts()
    {
        var replay = await data.Replay;
        var e = data.Expected;
        var statuses = replay.Merged.Keys.GroupBy(replay.StatusOf).ToDictionary(g => g.Key, g => g.Count());
        var synced = replay.Merged.Where(m => replay.StatusOf(m.Key) == "synced").Select(m => m.Value!).ToList();

        Assert.Equal(e.Companies.ValidTins, replay.Merged.Count);
        Assert.Equal(e.Companies.Synced, statuses.GetValueOrDefault("synced"));
        Assert.Equal(e.Companies.Inactive, statuses.GetValueOrDefault("inactive"));
        Assert.Equal(e.Companies.RejectedByRegister, statuses.GetValueOrDefault("rejected"));
        Assert.Equal(e.Companies.Withdrawn, statuses.GetValueOrDefault("withdrawn"));
        Assert.Equal(e.Companies.InvalidTinRecords.StoreA, replay.InvalidStoreARows.Count);
        Assert.Equal(e.Companies.InvalidTinRecords.StoreB, replay.NeverValidPartners);
        Assert.Equal(e.Companies.WithBranches, replay.Merged.Values.Count(m => m is { Requisites.Count: > 1 }));
        Assert.Equal(e.Bitrix24.Companies, synced.Count);
        Assert.Equal(e.Bitrix24.Requisites, synced.Sum(m => m.Requisites.Count));
        Assert.Equal(e.Bitrix24.BankDetails, synced.Sum(m => m.BankAccounts.Count));
        Assert.InRange(e.Companies.Inactive, 1, int.MaxValue);
        Assert.InRange(e.Companies.RejectedByRegister, 1, int.MaxValue);
        Assert.InRange(e.Companies.Withdrawn, 1, int.MaxValue);
    }

    [Fact]
    public async Task Companies_EveryLookupTheGridMakesFindsTheRegisterUnitItNames()
    {
        var replay = await data.Replay;
        var units = (await Sandbox.Register.RegisterSandboxFile.ReadAsync(data.PathOf(DataGenerator.FileNames.Register)))
            .Select(u => (u.Inn, u.Kpp)).ToHashSet();

        // The grid asks for the TIN and the merged record's first KPP; the sandbox filters by that KPP.
        foreach (var (tin, merged) in replay.Merged)
        {
            if (merged is null || !replay.Register.ContainsKey(tin))
            {
                continue;
            }

            var kpp = merged.Requisites.Select(r => r.Value.Kpp).FirstOrDefault(k => k is not null);
            if (kpp is { } k)
            {
                Assert.True(units.Contains((tin, k.Value)), $"The register has no unit {tin}/{k.Value}.");
            }
        }
    }

    [Fact]
    public async Task Contacts_ReplayAgreesWithExpectedCounts()
    {
        var replay = await data.Replay;
        var e = data.Expected;
        var pushed = 0;
        var bindings = 0;
        var several = 0;
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal) { ["email"] = 0, ["mobile"] = 0, ["name"] = 0 };
        foreach (var (key, records) in replay.LiveContacts)
        {
            var merged = ContactMerger.Merge(new ContactKey(key), records)!;
            var synced = merged.Companies.Count(replay.Synced);
            if (synced == 0)
            {
                continue;
            }

            pushed++;
            bindings += synced;
            several += synced > 1 ? 1 : 0;
            byKey[key[..key.IndexOf(':', StringComparison.Ordinal)]]++;
        }

        Assert.Equal(e.Contacts.Live, replay.LiveContacts.Count);
        Assert.Equal(e.Contacts.Withdrawn, replay.DeadContactKeys.Count);
        Assert.Equal(e.Bitrix24.Contacts, pushed);
        Assert.Equal(e.Contacts.Pushed, pushed);
        Assert.Equal(e.Bitrix24.ContactBindings, bindings);
        Assert.Equal(e.Contacts.BoundToSeveralCompanies, several);
        Assert.Equal(e.Contacts.PushedByKey.OrderBy(p => p.Key), byKey.OrderBy(p => p.Key));
        Assert.All(byKey.Values, n => Assert.InRange(n, 1, int.MaxValue));
    }

    [Fact]
    public async Task Rejects_ReplayAgreesWithExpectedByReason()
    {
        var replay = await data.Replay;
        var e = data.Expected;

        Assert.Equal(e.Rejects.ByReason.OrderBy(p => p.Key, StringComparer.Ordinal), replay.RejectsByReason.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(e.Rejects.Total, replay.RejectKeys.Count);
        foreach (var code in new[] { "tin.missing", "tin.format", "tin.checksum", "tin.length", "tin.zero", "phone.format", "phone.invalid", "email.invalid", "kpp.format", "ogrn.checksum", "account.checksum", "bik.length", "name.missing", "name.format", "category.mismatch", "contact.company", "contact.identity", "contact.no-company", "json.malformed", "json.shape", "event.type", "event.time", "partner.id-missing", "partner.unknown" })
        {
            Assert.True(e.Rejects.ByReason.GetValueOrDefault(code) > 0, $"No {code} reject was generated.");
        }
    }

    [Fact]
    public async Task Raw_ReplayReadsWhatExpectedCounts()
    {
        var replay = await data.Replay;
        var raw = data.Expected.Raw;

        Assert.Equal(raw.StoreB.ExportFiles.Sum(f => f.Partners), replay.ExportPartners);
        Assert.Equal(raw.StoreB.ExportFiles.Sum(f => f.MalformedEntries), replay.ExportRejected);
        Assert.Equal(raw.StoreB.Events.Messages, replay.EventMessages);
        Assert.Equal(raw.StoreB.Events.Poison, replay.EventRejected);
        Assert.Equal(raw.StoreB.Events.Duplicates, replay.RepeatedMessages);
        Assert.Equal(raw.StoreA.CompanyRows, data.Companies.Count);
        Assert.Equal(raw.StoreA.ContactRows, data.Contacts.Count);
        Assert.Equal(GeneratedData.Scale, raw.StoreA.CompanyRows + raw.StoreB.Partners);
    }

    [Fact]
    public async Task Sample_EveryCompanyMatchesItsMergedRecord()
    {
        var replay = await data.Replay;
        Assert.Equal(200, data.Expected.Sample.Count);
        foreach (var s in data.Expected.Sample)
        {
            Assert.Equal(s.Status, replay.StatusOf(s.Tin));
            var merged = replay.Merged[s.Tin];
            if (merged is null)
            {
                Assert.Empty(s.Sources);
                continue;
            }

            Assert.Equal(s.Name, merged.Name?.Value.Display);
            Assert.Equal(s.Ogrn, merged.Ogrn?.Value.Value);
            Assert.Equal(s.LegalAddress, merged.LegalAddress?.Value);
            Assert.Equal(s.Kpps, merged.Requisites.Select(r => r.Value.Key));
            Assert.Equal(s.Phones, merged.Phones?.Value.Select(p => p.Display) ?? []);
            Assert.Equal(s.Emails, merged.Emails?.Value.Select(m => m.Value) ?? []);
            Assert.Equal(s.BankAccounts, merged.BankAccounts.Select(a => new ExpectedBankAccount(a.Value.Bik.Value, a.Value.Account.Value, a.Value.BankName)));
            Assert.Equal(s.Sources, merged.Sources.Select(r => $"{r.Store.ToCode()}:{r.Id}@{r.ChangedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)}"));
            Assert.Equal(
                s.Provenance.OrderBy(p => p.Key, StringComparer.Ordinal),
                merged.Provenance().Where(p => p.Field != "category").ToDictionary(p => p.Field, p => $"{p.Source.Store.ToCode()}:{p.Source.Id}").OrderBy(p => p.Key, StringComparer.Ordinal));

            var keys = replay.LiveContacts.Where(c => c.Value.Exists(r => r.CompanyTin.Value == s.Tin)).Select(c => c.Key).Order(StringComparer.Ordinal);
            Assert.Equal(s.ContactKeys, keys);
            foreach (var contact in s.Contacts)
            {
                var mergedContact = ContactMerger.Merge(new ContactKey(contact.Key), replay.LiveContacts[contact.Key])!;
                Assert.Equal(contact.LastName, mergedContact.LastName?.Value);
                Assert.Equal(contact.FirstName, mergedContact.FirstName?.Value);
                Assert.Equal(contact.MiddleName, mergedContact.MiddleName?.Value);
                Assert.Equal(contact.Position, mergedContact.Position?.Value);
                Assert.Equal(contact.Phones, mergedContact.Phones?.Value.Select(p => p.Display) ?? []);
                Assert.Equal(contact.Emails, mergedContact.Emails?.Value.Select(m => m.Value) ?? []);
                Assert.Equal(contact.Pushed, mergedContact.Companies.Any(replay.Synced));
            }
        }
    }
}
