using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyncGrid.Domain.Channels;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;
using static SyncGrid.Domain.Tests.Samples;

namespace SyncGrid.Domain.Tests.Normalization;

public class RecordNormalizerTests
{
    [Fact]
    public void Normalize_SpecPartner_ProducesCleanRecord()
    {
        var raw = SberbankPartner(B("0010004567", 0)) with
        {
            BankAccounts = [new RawBankAccount("044525225", "40702810038000000001", "ПАО Сбербанк")],
        };

        var result = RecordNormalizer.Normalize(raw);

        Assert.False(result.IsRejected);
        var r = result.Record;
        Assert.Equal("7707083893", r.Tin.Value);
        Assert.Equal(CompanyCategory.Organization, r.Category);
        Assert.Equal("ПАО \"Сбербанк России\"", r.Name!.Display);
        Assert.Equal("773601001", r.Kpp!.Value.Value);
        Assert.Equal("1027700132195", r.Ogrn!.Value.Value);
        Assert.Equal("117997, г. Москва, ул. Вавилова, д. 19", r.LegalAddress);
        Assert.Equal([new PhoneNumber("+74955005550", null, PhoneKind.Fixed)], r.Phones);
        Assert.Equal(["info@example.ru"], r.Emails.Select(e => e.Value));

        // The contract's example account fails the Bank of Russia control key: the account is dropped and reported.
        Assert.Empty(r.BankAccounts);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("account.checksum", problem.Code);
        Assert.Equal("40702810038000000001", problem.RawValue);
    }

    [Fact]
    public void Normalize_ValidAccount_IsKept()
    {
        var r = Company(SberbankPartner(B("0010004567", 0)));

        var account = Assert.Single(r.BankAccounts);
        Assert.Equal(("044525225", "40702810400000000225"), account.Key);
        Assert.Equal("ПАО Сбербанк", account.BankName);
    }

    [Theory]
    [InlineData(null, "tin.missing")]
    [InlineData("", "tin.missing")]
    [InlineData("нет", "tin.format")]
    [InlineData("7707083894", "tin.checksum")]
    [InlineData("12345", "tin.length")]
    public void Normalize_CompanyWithoutValidTin_IsRejectedWithReason(string? inn, string code)
    {
        var result = RecordNormalizer.Normalize(SberbankPartner(A("17", 0)) with { Inn = inn });

        Assert.True(result.IsRejected);
        Assert.Equal(code, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Normalize_BadOptionalValues_AreDroppedAndReported()
    {
        var result = RecordNormalizer.Normalize(SberbankPartner(A("17", 0)) with
        {
            Kpp = "77360100",
            Ogrn = "1027700132196",
            Phones = ["8 (495) 500-55-50, 12-34"],
            Emails = ["info@example.ru; broken@"],
            BankAccounts = [new RawBankAccount("14452522", "40702810400000000225", null)],
        });

        Assert.False(result.IsRejected);
        Assert.Null(result.Record.Kpp);
        Assert.Null(result.Record.Ogrn);
        Assert.Single(result.Record.Phones);
        Assert.Single(result.Record.Emails);
        Assert.Empty(result.Record.BankAccounts);
        Assert.Equal(["kpp.format", "ogrn.checksum", "phone.invalid", "email.invalid", "bik.length"], result.Problems.Select(p => p.Code));
    }

    [Fact]
    public void Normalize_DeclaredPersonWithOrganizationTin_TinDecidesAndMismatchReported()
    {
        var result = RecordNormalizer.Normalize(SberbankPartner(B("1", 0)) with { Category = "PERSON" });

        Assert.Equal(CompanyCategory.Organization, result.Record!.Category);
        Assert.Contains(result.Problems, p => p.Code == "category.mismatch");
    }

    [Fact]
    public void Normalize_IndividualEntrepreneur_NoKppAndOgrnip()
    {
        var result = RecordNormalizer.Normalize(new RawCompany
        {
            Source = B("2", 0),
            Category = "PERSON",
            Inn = "771687831332",
            Name = "ИП Иванов Иван Иванович",
            Kpp = "773601001",
            Ogrn = "304500116000157",
        });

        Assert.Empty(result.Problems);
        Assert.Equal(CompanyCategory.IndividualEntrepreneur, result.Record!.Category);
        Assert.Null(result.Record.Kpp);
        Assert.Equal(SyncGrid.Domain.Identifiers.OgrnKind.Ogrnip, result.Record.Ogrn!.Value.Kind);
    }

    [Fact]
    public void Normalize_OgrnOfWrongKind_IsReported()
    {
        var result = RecordNormalizer.Normalize(SberbankPartner(B("1", 0)) with { Ogrn = "304500116000157" });

        Assert.Null(result.Record!.Ogrn);
        Assert.Equal("ogrn.kind", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Normalize_DeletedRow_KeepsOnlyIdentity()
    {
        var result = RecordNormalizer.Normalize(SberbankPartner(A("17", 5)) with { IsDeleted = true, Phones = ["garbage"] });

        Assert.Empty(result.Problems);
        Assert.True(result.Record!.IsDeleted);
        Assert.Equal("7707083893", result.Record.Tin.Value);
    }

    [Fact]
    public void Normalize_SpecContact_KeyedByEmailWithExtensionKept()
    {
        var result = RecordNormalizer.Normalize(new RawContact
        {
            Source = B("0010004567/C-77120", 0),
            CompanyInn = "7707083893",
            LastName = "Иванов",
            FirstName = "Иван",
            MiddleName = "Иванович",
            Position = "бухгалтер",
            Phones = ["+7 916 123-45-67 доб. 12"],
            Emails = ["IVANOV@Example.ru "],
        });

        Assert.Empty(result.Problems);
        var c = result.Record!;
        Assert.Equal("email:ivanov@example.ru", c.Key.Value);
        Assert.Equal("Иванов Иван Иванович", c.Name!.FullName);
        Assert.Equal("бухгалтер", c.Position);
        Assert.Equal(new PhoneNumber("+79161234567", "12", PhoneKind.Mobile), Assert.Single(c.Phones));
    }

    [Fact]
    public void Normalize_StoreAContact_SplitsFullName()
    {
        var c = Contact(new RawContact { Source = A("5", 0), CompanyInn = " 7707 083 893 ", FullName = "ИВАНОВ И.И.", Phones = ["8 (495) 500-55-50"] });

        Assert.Equal("Иванов", c.Name!.Last);
        Assert.Equal("name:7707083893:иванов и и", c.Key.Value);
    }

    [Fact]
    public void Normalize_ContactOfCompanyWithoutValidTin_IsRejected()
    {
        var result = RecordNormalizer.Normalize(new RawContact { Source = A("5", 0), CompanyInn = "нет", FullName = "Петрова Анна", Emails = ["anna@example.ru"] });

        Assert.True(result.IsRejected);
        Assert.Equal("contact.company", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Normalize_ContactWithNothingToKnowItBy_IsRejected()
    {
        var result = RecordNormalizer.Normalize(new RawContact { Source = A("5", 0), CompanyInn = "7707083893", FullName = "  ", Phones = ["8 (495) 500-55-50"] });

        Assert.True(result.IsRejected);
        Assert.Equal(["name.missing", "contact.identity"], result.Problems.Select(p => p.Code));
    }

    [Property(MaxTest = 300)]
    public Property Normalize_ArbitraryText_NeverThrows() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Generator.ArrayOf(8).ToArbitrary(), s =>
        {
            var company = RecordNormalizer.Normalize(new RawCompany
            {
                Source = A("x", 0),
                Inn = s[0],
                Name = s[1],
                Kpp = s[2],
                Ogrn = s[3],
                LegalAddress = s[4],
                Phones = [s[5]],
                Emails = [s[6]],
                BankAccounts = [new RawBankAccount(s[7], s[0], s[1])],
            });
            var contact = RecordNormalizer.Normalize(new RawContact { Source = A("y", 0), CompanyInn = s[0], FullName = s[1], Phones = [s[2]], Emails = [s[3]] });
            return company.IsRejected == company.Problems.Any(p => p.Code.StartsWith("tin.", StringComparison.Ordinal))
                   && (contact.IsRejected ? contact.Problems.Count > 0 : contact.Record.Key.Value.Length > 0);
        });
}
