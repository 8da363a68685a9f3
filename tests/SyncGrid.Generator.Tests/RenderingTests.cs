using SyncGrid.Domain.Channels;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Text;
using SyncGrid.Generator.Model;

namespace SyncGrid.Generator.Tests;

/// <summary>Each messy rendering normalises back to the clean value it was made from; each bad value gives its problem.</summary>
public class RenderingTests
{
    private static readonly GeneratorContext Context = new(3, 50);

    [Fact]
    public void Phone_EveryNotationOfEveryKindOfNumber_NormalisesToItsCleanValue()
    {
        var rng = new Rng(1, 1);
        for (var i = 0; i < 3000; i++)
        {
            var city = rng.Pick(Vocabulary.Cities);
            var clean = rng.Chance(0.5)
                ? Context.Mobile(rng.Next(50_000_000)) with { Extension = rng.Chance(0.2) ? rng.Between(1, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture) : null }
                : new CleanPhone("+7" + city.AreaCode + rng.Between(2_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture), rng.Chance(0.3) ? "12" : null, false);
            var text = Render.Phone(rng, clean);
            var parsed = PhoneNormalizer.Parse(text);

            Assert.Empty(parsed.Problems);
            var phone = Assert.Single(parsed.Values);
            Assert.Equal((clean.E164, clean.Extension, clean.Mobile), (phone.E164, phone.Extension, phone.IsMobile));
        }
    }

    [Fact]
    public void PhoneField_SeveralNumbersAndABadPart_GivesTheNumbersAndExactlyTheExpectedProblem()
    {
        var rng = new Rng(2, 2);
        for (var i = 0; i < 1000; i++)
        {
            var phones = Enumerable.Range(0, rng.Between(0, 3)).Select(_ => Context.Mobile(rng.Next(50_000_000))).Distinct().ToList();
            var bad = rng.Chance(0.5) ? rng.Pick(Vocabulary.CompanyPhoneGarbage) : rng.Chance(0.5) ? rng.Pick(Vocabulary.CompanyPhoneInvalid) : null;
            var code = bad is not null && Vocabulary.CompanyPhoneGarbage.Contains(bad) ? "phone.format" : "phone.invalid";
            var problems = new List<ExpectedProblem>();
            var field = Render.PhoneField(rng, phones, bad, code, problems);
            var parsed = PhoneNormalizer.Parse(field);

            Assert.Equal(phones.Select(p => p.E164), parsed.Values.Select(v => v.E164));
            Assert.Equal(problems, parsed.Problems.Select(p => new ExpectedProblem(p.Code, p.Field, p.RawValue)));
        }
    }

    [Fact]
    public void EmailField_SeveralForms_GivesTheAddressesAndTheBadOne()
    {
        var rng = new Rng(3, 3);
        for (var i = 0; i < 1000; i++)
        {
            var emails = Enumerable.Range(0, rng.Between(0, 3)).Select(n => $"user{i}.{n}@firm-{i}.example.com").ToList();
            var bad = rng.Chance(0.3) ? rng.Pick(Vocabulary.CompanyEmailInvalid) : null;
            var problems = new List<ExpectedProblem>();
            var field = Render.EmailField(rng, emails, "Отдел продаж", bad, problems);
            var parsed = EmailNormalizer.Parse(field);

            Assert.Equal(emails, parsed.Values.Select(v => v.Value));
            Assert.Equal(problems, parsed.Problems.Select(p => new ExpectedProblem(p.Code, p.Field, p.RawValue)));
        }
    }

    [Fact]
    public void Tin_ValidFormsParseToTheTin_InvalidFormsGiveTheirCode()
    {
        var rng = new Rng(4, 4);
        for (var i = 0; i < 2000; i++)
        {
            var tin = i % 2 == 0 ? Tin.FromBody("77" + Context.Unique7(i)).Value : Tin.FromBody("16" + Context.Unique8(i)).Value;
            Assert.Equal(tin, Tin.Parse(Render.Tin(rng, tin, storeB: false, out _)).Value.Value);

            var (raw, _, asString, problem) = Render.InvalidTin(rng, tin, "770101001", storeB: true);
            var parsed = Tin.Parse(asString ? null : raw);
            Assert.False(parsed.Success, $"'{raw}' was meant to be invalid.");
            Assert.Equal(problem.Code, parsed.Problem!.Code);
            Assert.Equal(problem.Raw, parsed.Problem.RawValue);
        }
    }

    [Fact]
    public void Names_EveryRenderingSplitsIntoTheExpectedParts()
    {
        var rng = new Rng(5, 5);
        for (var i = 0; i < 3000; i++)
        {
            var person = People.New(Context, rng, i, "firm.example.com", null, shared: false, office: null);
            var full = Render.FullName(rng, person, out var last, out var first, out var middle);
            var parsed = PersonName.Parse(full).Value;
            Assert.Equal((last, first, middle), (parsed.Last, parsed.First, parsed.Middle));
            Assert.Equal(parsed.MatchKey, Render.NameKey(last, first, middle));

            var parts = Render.NameParts(rng, person, out last, out first, out middle);
            var fromParts = PersonName.FromParts(parts.Last, parts.First, parts.Middle).Value;
            Assert.Equal((last, first, middle), (fromParts.Last, fromParts.First, fromParts.Middle));
        }
    }

    [Fact]
    public void CompanyNameAndText_CleanBackToTheirValue()
    {
        var rng = new Rng(6, 6);
        foreach (var display in new[] { "ООО \"Ромашка\"", "АО \"Северный ветер-Плюс\"", "ИП Иванов Иван Иванович", "Ёлка, ООО", "ООО \"ВЕКТОР\"" })
        {
            for (var i = 0; i < 200; i++)
            {
                Assert.Equal(display, CompanyName.Parse(Render.CompanyName(rng, display)).Value.Display);
                Assert.Equal(display, TextNormalizer.Clean(Render.Text(rng, display)));
            }
        }
    }

    [Fact]
    public void BadValueVocabularies_GiveTheirProblemCodes()
    {
        Assert.All(Vocabulary.CompanyPhoneGarbage.Concat(Vocabulary.ContactPhoneGarbage), v => Assert.Equal("phone.format", Assert.Single(PhoneNormalizer.Parse(v).Problems).Code));
        Assert.All(Vocabulary.CompanyPhoneInvalid.Concat(Vocabulary.ContactPhoneInvalid), v => Assert.Equal("phone.invalid", Assert.Single(PhoneNormalizer.Parse(v).Problems).Code));
        Assert.All(Vocabulary.CompanyEmailInvalid.Concat(Vocabulary.ContactEmailInvalid), v => Assert.Equal("email.invalid", Assert.Single(EmailNormalizer.Parse(v).Problems).Code));
        Assert.Equal("ogrn.checksum", Ogrn.Parse(Identifiers.BreakOgrn(Identifiers.CompleteOgrn("102770013219"))).Problem!.Code);
        var account = Identifiers.CompleteAccount("044525225", "40702810000000000001");
        Assert.True(AccountNumber.Parse(account).Value.HasValidControlKey(Bik.Parse("044525225").Value));
        Assert.False(AccountNumber.Parse(Identifiers.BreakAccount(account)).Value.HasValidControlKey(Bik.Parse("044525225").Value));
    }
}
