using SyncGrid.Domain.Channels;

namespace SyncGrid.Domain.Tests.Channels;

public class EmailNormalizerTests
{
    [Theory]
    [InlineData("IVANOV@Example.ru ", "ivanov@example.ru")]
    [InlineData("  info@example.ru", "info@example.ru")]
    [InlineData("mailto:Info@Example.RU", "info@example.ru")]
    [InlineData("<info@example.ru>", "info@example.ru")]
    [InlineData("Иван Петров <Ivan.Petrov@example.ru>", "ivan.petrov@example.ru")]
    [InlineData("info@пример.рф", "info@пример.рф")]
    [InlineData("first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk")]
    [InlineData("info@example.ru.", "info@example.ru")]
    public void Parse_One_IsTrimmedLowerCasedValid(string raw, string expected)
    {
        var result = EmailNormalizer.Parse(raw);

        Assert.Empty(result.Problems);
        Assert.Equal(expected, Assert.Single(result.Values).Value);
    }

    [Theory]
    [InlineData("a@example.ru, b@example.ru")]
    [InlineData("a@example.ru;b@example.ru")]
    [InlineData("a@example.ru ; B@EXAMPLE.RU")]
    [InlineData("a@example.ru b@example.ru")]
    [InlineData("a@example.ru,,b@example.ru, a@example.ru")]
    public void Parse_Several_AreSplitAndDeduplicated(string raw)
    {
        var result = EmailNormalizer.Parse(raw);

        Assert.Empty(result.Problems);
        Assert.Equal(["a@example.ru", "b@example.ru"], result.Values.Select(v => v.Value));
    }

    [Theory]
    [InlineData("ivanov")]
    [InlineData("ivanov@")]
    [InlineData("@example.ru")]
    [InlineData("ivanov@example")]
    [InlineData("ivanov@@example.ru")]
    [InlineData("iva..nov@example.ru")]
    [InlineData(".ivanov@example.ru")]
    [InlineData("ivanov@-example.ru")]
    [InlineData("ivanov@example.r")]
    [InlineData("ivanov@example.123")]
    [InlineData("иванов@example.ru")]
    [InlineData("ivanov@exa_mple.ru")]
    public void Parse_Invalid_IsReported(string raw)
    {
        var result = EmailNormalizer.Parse(raw);

        Assert.Empty(result.Values);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("email.invalid", problem.Code);
        Assert.Equal(raw, problem.RawValue);
    }

    [Fact]
    public void Parse_GoodAndBad_KeepsGoodReportsBad()
    {
        var result = EmailNormalizer.Parse("good@example.ru; bad@; other@example.ru");

        Assert.Equal(["good@example.ru", "other@example.ru"], result.Values.Select(v => v.Value));
        Assert.Equal("bad@", Assert.Single(result.Problems).RawValue);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("нет")]
    public void Parse_NoValue_IsEmpty(string? raw)
    {
        var result = EmailNormalizer.Parse(raw);

        Assert.Empty(result.Values);
        Assert.Empty(result.Problems);
    }
}
