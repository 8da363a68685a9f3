using SyncGrid.Domain.Identifiers;

namespace SyncGrid.Domain.Tests.Identifiers;

public class KppTests
{
    [Theory]
    [InlineData("773601001", "773601001")]
    [InlineData(" 7736 01 001 ", "773601001")]
    [InlineData("КПП 773601001", "773601001")]
    [InlineData("7736AB001", "7736AB001")]
    [InlineData("7736ab001", "7736AB001")]
    [InlineData("7736АВ001", "7736AB001")] // Cyrillic А and В typed for Latin A and B
    public void Parse_Valid_Normalizes(string raw, string expected)
    {
        var result = Kpp.Parse(raw);

        Assert.True(result.Success, $"{raw}: {result}");
        Assert.Equal(expected, result.Value.Value);
    }

    [Theory]
    [InlineData(null, "kpp.missing")]
    [InlineData(" ", "kpp.missing")]
    [InlineData("77360100", "kpp.format")]
    [InlineData("7736010011", "kpp.format")]
    [InlineData("A73601001", "kpp.format")]
    [InlineData("7736010A1", "kpp.format")]
    [InlineData("7736Ж1001", "kpp.format")]
    public void Parse_Invalid_SaysWhy(string? raw, string code)
    {
        var result = Kpp.Parse(raw);

        Assert.False(result.Success);
        Assert.Equal(code, result.Problem!.Code);
    }
}

public class BikTests
{
    [Theory]
    [InlineData("044525225")]
    [InlineData("БИК 044525225")]
    [InlineData("04 45 25 225")]
    public void Parse_Valid_ReturnsDigits(string raw) => Assert.Equal("044525225", Bik.Parse(raw).Value.Value);

    [Theory]
    [InlineData(null, "bik.missing")]
    [InlineData("04452522", "bik.length")]
    [InlineData("144525225", "bik.country")]
    [InlineData("04452522x", "bik.format")]
    public void Parse_Invalid_SaysWhy(string? raw, string code) => Assert.Equal(code, Bik.Parse(raw).Problem!.Code);
}

public class AccountNumberTests
{
    [Theory]
    [InlineData("044525225", "40702810400000000225")]
    [InlineData("044525974", "40702810610000000001")]
    public void HasValidControlKey_ConsistentPair_IsTrue(string bik, string account)
    {
        Assert.True(AccountNumber.Parse(account).Value.HasValidControlKey(Bik.Parse(bik).Value));
    }

    [Fact]
    public void HasValidControlKey_SpecExampleAccount_IsFalse()
    {
        // The sources contract's example account 40702810038000000001 at BIK 044525225 fails the Bank of Russia control key.
        Assert.False(AccountNumber.Parse("40702810038000000001").Value.HasValidControlKey(Bik.Parse("044525225").Value));
    }

    [Fact]
    public void HasValidControlKey_AnySingleDigitChange_IsFalse()
    {
        var bik = Bik.Parse("044525225").Value;
        foreach (var changed in Generators.SingleDigitChanges("40702810400000000225"))
        {
            Assert.False(AccountNumber.Parse(changed).Value.HasValidControlKey(bik), changed);
        }
    }

    [Theory]
    [InlineData("р/с 40702810400000000225")]
    [InlineData("4070 2810 4000 0000 0225")]
    public void Parse_FreeText_Normalizes(string raw) => Assert.Equal("40702810400000000225", AccountNumber.Parse(raw).Value.Value);

    [Theory]
    [InlineData("", "account.missing")]
    [InlineData("4070281040000000022", "account.length")]
    [InlineData("00000000000000000000", "account.zero")]
    [InlineData("40702810400000000225 руб", "account.format")]
    public void Parse_Invalid_SaysWhy(string raw, string code) => Assert.Equal(code, AccountNumber.Parse(raw).Problem!.Code);
}
