using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Tests.Text;

public class CompanyNameTests
{
    [Theory]
    [InlineData("ПАО  \"Сбербанк России\"", "ПАО \"Сбербанк России\"", "ПАО", "сбербанк россии")]
    [InlineData("ООО «Ромашка»", "ООО \"Ромашка\"", "ООО", "ромашка")]
    [InlineData("\"Ромашка\", ООО", "\"Ромашка\", ООО", "ООО", "ромашка")]
    [InlineData("Общество с ограниченной ответственностью \"Ромашка\"", "Общество с ограниченной ответственностью \"Ромашка\"", "ООО", "ромашка")]
    [InlineData("ООО \"\"Ромашка\"\"", "ООО \"Ромашка\"", "ООО", "ромашка")]
    [InlineData("ИП Иванов Иван Иванович", "ИП Иванов Иван Иванович", "ИП", "иванов иван иванович")]
    [InlineData("АО \"Ёлка\"", "АО \"Ёлка\"", "АО", "елка")]
    [InlineData("Яндекс", "Яндекс", null, "яндекс")]
    [InlineData("ООО", "ООО", "ООО", "ооо")]
    public void Parse_Name_KeepsLegalFormAndDerivesKey(string raw, string display, string? form, string key)
    {
        var name = CompanyName.Parse(raw).Value;

        Assert.Equal(display, name.Display);
        Assert.Equal(form, name.LegalForm);
        Assert.Equal(key, name.MatchKey);
    }

    [Fact]
    public void Parse_SameCompanyWrittenDifferently_SameKey()
    {
        var keys = new[] { "ПАО «Сбербанк России»", "\"СБЕРБАНК РОССИИ\", ПАО", "Публичное акционерное общество \"Сбербанк России\"", "пао сбербанк  россии" }
            .Select(n => CompanyName.Parse(n).Value.MatchKey)
            .Distinct()
            .ToList();

        Assert.Single(keys);
    }

    [Fact]
    public void Parse_PaoIsNotReadAsAo() => Assert.Equal("ПАО", CompanyName.Parse("ПАО Ромашка").Value.LegalForm);

    [Fact]
    public void Parse_LegalFormInsideWord_IsNotALegalForm() => Assert.Null(CompanyName.Parse("Аоника").Value.LegalForm);

    [Theory]
    [InlineData(null, "name.missing")]
    [InlineData("  ", "name.missing")]
    [InlineData("\"\" --", "name.format")]
    public void Parse_Invalid_SaysWhy(string? raw, string code) => Assert.Equal(code, CompanyName.Parse(raw).Problem!.Code);
}
