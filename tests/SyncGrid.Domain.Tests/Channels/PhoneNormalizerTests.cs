using SyncGrid.Domain.Channels;

namespace SyncGrid.Domain.Tests.Channels;

public class PhoneNormalizerTests
{
    [Theory]
    [InlineData("8 (495) 500-55-50", "+74955005550", PhoneKind.Fixed)]
    [InlineData("+7 (495) 500-55-50", "+74955005550", PhoneKind.Fixed)]
    [InlineData("7 495 5005550", "+74955005550", PhoneKind.Fixed)]
    [InlineData("(495) 500-55-50", "+74955005550", PhoneKind.Fixed)]
    [InlineData("84955005550", "+74955005550", PhoneKind.Fixed)]
    [InlineData("+7 916 123-45-67", "+79161234567", PhoneKind.Mobile)]
    [InlineData("8-916-123-45-67", "+79161234567", PhoneKind.Mobile)]
    [InlineData("89161234567", "+79161234567", PhoneKind.Mobile)]
    [InlineData("+375 29 123-45-67", "+375291234567", PhoneKind.Mobile)]
    [InlineData("8 800 555-35-35", "+78005553535", PhoneKind.TollFree)]
    public void Parse_OneNumber_IsE164WithKind(string raw, string e164, PhoneKind kind)
    {
        var result = PhoneNormalizer.Parse(raw);

        Assert.Empty(result.Problems);
        var number = Assert.Single(result.Values);
        Assert.Equal(e164, number.E164);
        Assert.Equal(kind, number.Kind);
        Assert.Null(number.Extension);
    }

    [Theory]
    [InlineData("+7 916 123-45-67 доб. 12", "+79161234567", "12")]
    [InlineData("8 (495) 500-55-50, доб. 1234", "+74955005550", "1234")]
    [InlineData("8 (495) 500-55-50 доб 7", "+74955005550", "7")]
    [InlineData("8 (495) 500-55-50 (вн. 305)", "+74955005550", "305")]
    [InlineData("+7 495 500 55 50 ext. 42", "+74955005550", "42")]
    [InlineData("+7 495 500 55 50 x42", "+74955005550", "42")]
    public void Parse_Extension_IsKeptApart(string raw, string e164, string extension)
    {
        var result = PhoneNormalizer.Parse(raw);

        Assert.Empty(result.Problems);
        var number = Assert.Single(result.Values);
        Assert.Equal(e164, number.E164);
        Assert.Equal(extension, number.Extension);
        Assert.Equal($"{e164} ext. {extension}", number.Display);
    }

    [Theory]
    [InlineData("8 (495) 500-55-50, +7 916 123-45-67")]
    [InlineData("8 (495) 500-55-50; 8-916-123-45-67")]
    [InlineData("8 (495) 500-55-50 / 8 916 123 45 67")]
    [InlineData("8 (495) 500-55-50 или 8 916 123 45 67")]
    [InlineData("+7 495 500-55-50 +7 916 123-45-67")]
    [InlineData("8 (495) 500-55-50\n89161234567")]
    public void Parse_SeveralNumbers_AreSplit(string raw)
    {
        var result = PhoneNormalizer.Parse(raw);

        Assert.Empty(result.Problems);
        Assert.Equal(["+74955005550", "+79161234567"], result.Values.Select(v => v.E164));
    }

    [Fact]
    public void Parse_SameNumberTwice_KeptOnce()
    {
        var result = PhoneNormalizer.Parse("8 (495) 500-55-50, +7 495 500 55 50");

        Assert.Single(result.Values);
    }

    [Theory]
    [InlineData("500-55-50", "phone.invalid")]
    [InlineData("8 (495) 500-55", "phone.invalid")]
    [InlineData("123", "phone.invalid")]
    [InlineData("доб. 12", "phone.format")]
    [InlineData("звонить секретарю", "phone.format")]
    [InlineData("+7 (000) 000-00-00", "phone.invalid")]
    public void Parse_Unparseable_IsReportedNotDropped(string raw, string code)
    {
        var result = PhoneNormalizer.Parse(raw);

        Assert.Empty(result.Values);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal(raw, problem.RawValue);
    }

    [Fact]
    public void Parse_GoodAndBadInOneField_KeepsGoodReportsBad()
    {
        var result = PhoneNormalizer.Parse("8 (495) 500-55-50, 12-34");

        Assert.Equal("+74955005550", Assert.Single(result.Values).E164);
        Assert.Equal("12-34", Assert.Single(result.Problems).RawValue!.Trim());
    }

    [Fact]
    public void Parse_NumberFollowedByGarbageWithoutSeparator_KeepsNumberReportsRest()
    {
        var result = PhoneNormalizer.Parse("+7 916 123-45-67 12-34");

        Assert.Equal("+79161234567", Assert.Single(result.Values).E164);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("phone.invalid", problem.Code);
        Assert.Equal("12-34", problem.RawValue);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("нет")]
    [InlineData("-")]
    public void Parse_NoValue_IsEmptyWithoutProblems(string? raw)
    {
        var result = PhoneNormalizer.Parse(raw);

        Assert.Empty(result.Values);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void ParseAll_ListOfFields_MergesAndDeduplicates()
    {
        var result = PhoneNormalizer.ParseAll(["8 (495) 500-55-50", null, "+7 916 123-45-67 доб. 12", "84955005550"]);

        Assert.Equal(["+74955005550", "+79161234567 ext. 12"], result.Values.Select(v => v.Display));
    }
}
