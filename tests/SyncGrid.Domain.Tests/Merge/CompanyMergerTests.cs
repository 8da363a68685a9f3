using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Merge;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;
using static SyncGrid.Domain.Tests.Samples;

namespace SyncGrid.Domain.Tests.Merge;

public class CompanyMergerTests
{
    private static readonly Tin Sber = Tin.Parse("7707083893").Value;

    [Fact]
    public void Merge_NewerSourceWinsEachFieldItHas_OlderFillsTheRest()
    {
        var older = Company(SberbankPartner(A("17", 0)));
        var newer = Company(new RawCompany { Source = B("0010004567", 10), Inn = "7707083893", Name = "ПАО Сбербанк", Phones = ["+7 800 555-55-50"] });

        var merged = CompanyMerger.Merge(Sber, [older, newer])!;

        Assert.Equal("ПАО Сбербанк", merged.Name!.Value.Display);
        Assert.Equal(newer.Source, merged.Name.Source);
        Assert.Equal("+78005555550", Assert.Single(merged.Phones!.Value).E164);
        Assert.Equal(newer.Source, merged.Phones.Source);
        Assert.Equal(older.Source, merged.Emails!.Source);
        Assert.Equal(older.Source, merged.LegalAddress!.Source);
        Assert.Equal(older.Source, merged.Ogrn!.Source);
        Assert.Equal([older.Source, newer.Source], merged.Sources);
    }

    [Fact]
    public void Merge_Provenance_NamesTheWinnerOfEveryField()
    {
        var older = Company(SberbankPartner(A("17", 0)));
        var newer = Company(new RawCompany { Source = B("0010004567", 10), Inn = "7707083893", Name = "ПАО Сбербанк" });

        var provenance = CompanyMerger.Merge(Sber, [newer, older])!.Provenance().ToDictionary(p => p.Field);

        Assert.Equal(newer.Source, provenance["name"].Source);
        Assert.Equal(older.Source, provenance["phones"].Source);
        Assert.Equal("+74955005550", provenance["phones"].Value);
        Assert.Equal(older.Source, provenance["requisite[773601001]"].Source);
        Assert.Equal(older.Source, provenance["bankAccount[044525225/40702810400000000225]"].Source);
    }

    [Fact]
    public void Merge_LatestVersionOfASourceRecord_ReplacesEarlierVersions()
    {
        var v1 = Company(SberbankPartner(A("17", 0)));
        var v2 = Company(SberbankPartner(A("17", 5)) with { Name = "ПАО Сбер" });

        var merged = CompanyMerger.Merge(Sber, [v2, v1])!;

        Assert.Equal("ПАО Сбер", merged.Name!.Value.Display);
        Assert.Equal([v2.Source], merged.Sources);
    }

    [Fact]
    public void Merge_DeletedSourceRecord_WithdrawsOnlyItsContribution()
    {
        var a = Company(SberbankPartner(A("17", 0)) with { Name = "Сбербанк из А" });
        var b = Company(SberbankPartner(B("0010004567", 1)) with { Name = "Сбербанк из Б" });
        var bDeleted = Company(SberbankPartner(B("0010004567", 2)) with { IsDeleted = true });

        var merged = CompanyMerger.Merge(Sber, [a, b, bDeleted])!;

        Assert.Equal("Сбербанк из А", merged.Name!.Value.Display);
        Assert.Equal([a.Source], merged.Sources);
    }

    [Fact]
    public void Merge_DeletionOlderThanLiveVersion_DoesNotWithdraw()
    {
        var deleted = Company(SberbankPartner(A("17", 0)) with { IsDeleted = true });
        var revived = Company(SberbankPartner(A("17", 1)));

        Assert.NotNull(CompanyMerger.Merge(Sber, [revived, deleted]));
    }

    [Fact]
    public void Merge_EverySourceDeleted_IsNull()
    {
        var deleted = Company(SberbankPartner(A("17", 3)) with { IsDeleted = true });

        Assert.Null(CompanyMerger.Merge(Sber, [Company(SberbankPartner(A("17", 0))), deleted]));
    }

    [Fact]
    public void Merge_Branches_OneRequisitePerKpp()
    {
        var head = Company(SberbankPartner(A("1", 0)));
        var branch = Company(SberbankPartner(B("2", 1)) with { Kpp = "775001001" });
        var noKpp = Company(SberbankPartner(B("3", 2)) with { Kpp = null });

        var merged = CompanyMerger.Merge(Sber, [head, branch, noKpp])!;

        Assert.Equal(["773601001", "775001001"], merged.Requisites.Select(r => r.Value.Key));
    }

    [Fact]
    public void Merge_NoSourceNamesKpp_OneRequisiteWithoutKpp()
    {
        var merged = CompanyMerger.Merge(Sber, [Company(SberbankPartner(A("1", 0)) with { Kpp = null })])!;

        Assert.Equal(string.Empty, Assert.Single(merged.Requisites).Value.Key);
    }

    [Fact]
    public void Merge_BankAccounts_UnionOfLiveRecords()
    {
        var a = Company(SberbankPartner(A("1", 0)));
        var b = Company(SberbankPartner(B("2", 1)) with { BankAccounts = [new RawBankAccount("044525974", "40702810610000000001", "Т-Банк")] });

        var merged = CompanyMerger.Merge(Sber, [a, b])!;

        Assert.Equal(2, merged.BankAccounts.Count);
    }

    [Fact]
    public void Merge_SameChangeTimeInTwoStores_DecidedByStoreThenId()
    {
        var a = Company(SberbankPartner(A("1", 0)) with { Name = "Из А" });
        var b = Company(SberbankPartner(B("1", 0)) with { Name = "Из Б" });

        Assert.Equal("Из Б", CompanyMerger.Merge(Sber, [b, a])!.Name!.Value.Display);
        Assert.Equal("Из Б", CompanyMerger.Merge(Sber, [a, b])!.Name!.Value.Display);
    }

    [Fact]
    public void Merge_RecordOfAnotherCompany_IsABug()
    {
        var other = Company(SberbankPartner(A("1", 0)) with { Inn = "7736050003" });

        Assert.Throws<ArgumentException>(() => CompanyMerger.Merge(Sber, [other]));
    }

    [Property(MaxTest = 300)]
    public Property Merge_AnyOrderOfTheSameRecords_SameResult() =>
        Prop.ForAll(Pool().ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (records, seed) =>
        {
            var shuffled = records.OrderBy(_ => Random.Shared.Next()).ToList();
            var reversed = Enumerable.Reverse(records).ToList();
            var expected = CompanyMerger.Merge(Sber, records);
            return Equals(expected, CompanyMerger.Merge(Sber, shuffled)) && Equals(expected, CompanyMerger.Merge(Sber, reversed))
                   && Equals(expected, CompanyMerger.Merge(Sber, records.Concat(shuffled)));
        });

    /// <summary>Random sets of versions of a few source records: changed fields, equal times, deletions.</summary>
    private static Gen<List<CompanyRecord>> Pool()
    {
        var names = new[] { "ПАО Сбербанк", "ПАО \"Сбербанк России\"", "Сбербанк", null };
        var phones = new[] { "8 (495) 500-55-50", "+7 916 123-45-67", "8 800 555-55-50", null };
        var kpps = new[] { "773601001", "775001001", null };
        var version =
            from store in Gen.Elements(SourceStore.StoreA, SourceStore.StoreB)
            from id in Gen.Elements("1", "2", "3")
            from minute in Gen.Choose(0, 3)
            from name in Gen.Elements(names)
            from phone in Gen.Elements(phones)
            from kpp in Gen.Elements(kpps)
            from deleted in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
            select Company(SberbankPartner(new SourceRef(store, id, T0.AddMinutes(minute))) with
            {
                Name = name,
                Phones = phone is null ? [] : [phone],
                Kpp = kpp,
                IsDeleted = deleted,
            });
        return Gen.ListOf(version).Where(l => l.Count is > 0 and < 12).Select(l => l.ToList());
    }
}
