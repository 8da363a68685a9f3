using SyncGrid.Domain.Merge;
using SyncGrid.Domain.Normalization;
using static SyncGrid.Domain.Tests.Samples;

namespace SyncGrid.Domain.Tests.Merge;

public class ContactMergerTests
{
    [Fact]
    public void Merge_SamePersonUnderTwoCompanies_OneContactBoundToBoth()
    {
        var underSber = Contact(new RawContact { Source = A("10", 0), CompanyInn = "7707083893", FullName = "Иванов Иван Иванович", Emails = ["ivanov@example.ru"] });
        var underOther = Contact(new RawContact { Source = B("0010009999/C-1", 5), CompanyInn = "7736050003", LastName = "Иванов", FirstName = "Иван", Emails = ["IVANOV@example.ru"], Position = "директор" });

        Assert.Equal(underSber.Key, underOther.Key);
        var merged = ContactMerger.Merge(underSber.Key, [underSber, underOther])!;

        Assert.Equal(["7707083893", "7736050003"], merged.Companies.Select(t => t.Value));
        Assert.Equal("директор", merged.Position!.Value);
        Assert.Equal("Иванович", merged.MiddleName!.Value);
        Assert.Equal(underSber.Source, merged.MiddleName.Source);
    }

    [Fact]
    public void Merge_NewerInitialDoesNotReplaceFullName()
    {
        var full = Contact(new RawContact { Source = A("10", 0), CompanyInn = "7707083893", FullName = "Иванов Иван Иванович", Phones = ["+7 916 123-45-67"] });
        var initials = Contact(new RawContact { Source = A("11", 5), CompanyInn = "7707083893", FullName = "ИВАНОВ И.И.", Phones = ["89161234567"] });

        var merged = ContactMerger.Merge(full.Key, [initials, full])!;

        Assert.Equal("Иванов Иван Иванович", merged.Name.FullName);
    }

    [Fact]
    public void Merge_DeletedUnderOneCompany_StaysBoundToTheOther()
    {
        var a = Contact(new RawContact { Source = A("10", 0), CompanyInn = "7707083893", FullName = "Петрова Анна", Emails = ["anna@example.ru"] });
        var b = Contact(new RawContact { Source = A("11", 0), CompanyInn = "7736050003", FullName = "Петрова Анна", Emails = ["anna@example.ru"] });
        var aDeleted = Contact(new RawContact { Source = A("10", 1), CompanyInn = "7707083893", FullName = "Петрова Анна", Emails = ["anna@example.ru"], IsDeleted = true });

        var merged = ContactMerger.Merge(a.Key, [a, b, aDeleted])!;

        Assert.Equal(["7736050003"], merged.Companies.Select(t => t.Value));
        Assert.Null(ContactMerger.Merge(a.Key, [a, aDeleted]));
    }

    [Fact]
    public void Merge_RecordMovedToAnotherCompanyAtTheSameTime_LivesUnderTheNewOne()
    {
        // The old company withdraws the record at the very time the new company files it: the withdrawal must not
        // shadow the live version, since they are versions of the record under two different companies.
        var moved = Contact(new RawContact { Source = A("10", 5), CompanyInn = "7736050003", FullName = "Петрова Анна", Emails = ["anna@example.ru"] });
        var withdrawn = Contact(new RawContact { Source = A("10", 5), CompanyInn = "7707083893", FullName = "Петрова Анна", Emails = ["anna@example.ru"], IsDeleted = true });

        var merged = ContactMerger.Merge(moved.Key, [withdrawn, moved])!;

        Assert.Equal(["7736050003"], merged.Companies.Select(t => t.Value));
    }

    [Fact]
    public void Merge_AnyOrder_SameResult()
    {
        var records = new[]
        {
            Contact(new RawContact { Source = A("10", 0), CompanyInn = "7707083893", FullName = "Петрова Анна", Emails = ["anna@example.ru"], Position = "бухгалтер" }),
            Contact(new RawContact { Source = B("1/C-2", 0), CompanyInn = "7707083893", LastName = "Петрова", FirstName = "Анна", MiddleName = "Сергеевна", Emails = ["anna@example.ru"], Position = "главный бухгалтер" }),
            Contact(new RawContact { Source = A("10", 2), CompanyInn = "7736050003", FullName = "ПЕТРОВА А.С.", Emails = ["anna@example.ru"] }),
        };
        var key = records[0].Key;
        var expected = ContactMerger.Merge(key, records);

        foreach (var permutation in Permutations(records))
        {
            Assert.Equal(expected, ContactMerger.Merge(key, permutation));
        }
    }

    private static IEnumerable<T[]> Permutations<T>(T[] items) => items.Length <= 1
        ? [items]
        : items.SelectMany((item, i) => Permutations(items.Where((_, j) => j != i).ToArray()).Select(rest => new[] { item }.Concat(rest).ToArray()));
}
