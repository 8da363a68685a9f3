using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyncGrid.Domain.Identifiers;

namespace SyncGrid.Domain.Tests.Identifiers;

public class OgrnTests
{
    [Theory]
    [InlineData("1027700132195", OgrnKind.Ogrn)]
    [InlineData("ОГРН 1027700132195", OgrnKind.Ogrn)]
    [InlineData("1 027 700 132 195", OgrnKind.Ogrn)]
    [InlineData("304500116000157", OgrnKind.Ogrnip)]
    [InlineData("ОГРНИП 304500116000157", OgrnKind.Ogrnip)]
    public void Parse_Valid_ReturnsKind(string raw, OgrnKind kind)
    {
        var result = Ogrn.Parse(raw);

        Assert.True(result.Success, $"{raw}: {result}");
        Assert.Equal(kind, result.Value.Kind);
    }

    [Fact]
    public void Parse_AnySingleDigitChangeOfKnownOgrn_Fails()
    {
        foreach (var changed in Generators.SingleDigitChanges("1027700132195"))
        {
            Assert.False(Ogrn.Parse(changed).Success, changed);
        }
    }

    [Theory]
    [InlineData(null, "ogrn.missing")]
    [InlineData("", "ogrn.missing")]
    [InlineData("н/д", "ogrn.format")]
    [InlineData("102770013219", "ogrn.length")]
    [InlineData("10277001321950", "ogrn.length")]
    [InlineData("0000000000000", "ogrn.zero")]
    [InlineData("1027700132196", "ogrn.checksum")]
    [InlineData("304500116000158", "ogrn.checksum")]
    public void Parse_Invalid_SaysWhy(string? raw, string code)
    {
        var result = Ogrn.Parse(raw);

        Assert.False(result.Success);
        Assert.Equal(code, result.Problem!.Code);
    }

    [Property(MaxTest = 500)]
    public Property Parse_RandomValidOgrnAndOgrnip_Pass() =>
        Prop.ForAll(Gen.OneOf(Generators.ValidOgrn(), Generators.ValidOgrnip()).Where(v => v.Any(c => c != '0')).ToArbitrary(), v => Ogrn.Parse(v).Success);

    [Property(MaxTest = 500)]
    public Property Parse_ChangedCheckDigit_Fails() =>
        Prop.ForAll(Generators.ValidOgrn().Where(v => v.Any(c => c != '0')).ToArbitrary(), v =>
            Enumerable.Range(0, 10).Where(d => d != v[^1] - '0').All(d => !Ogrn.Parse(v[..^1] + d).Success));
}
