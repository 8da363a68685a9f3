using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Tests.Text;

public class PersonNameTests
{
    [Theory]
    [InlineData("Иванов Иван Иванович", "Иванов", "Иван", "Иванович")]
    [InlineData("ИВАНОВ И.И.", "Иванов", "И.", "И.")]
    [InlineData("Иванов И. И.", "Иванов", "И.", "И.")]
    [InlineData("И.И. Иванов", "Иванов", "И.", "И.")]
    [InlineData("  Петрова  Анна ", "Петрова", "Анна", null)]
    [InlineData("Иван Иванович Иванов", "Иванов", "Иван", "Иванович")]
    [InlineData("Анна Сергеевна", null, "Анна", "Сергеевна")]
    [InlineData("иванова мария петровна", "Иванова", "Мария", "Петровна")]
    [InlineData("ПЕТРОВА-ВОДКИНА АННА", "Петрова-Водкина", "Анна", null)]
    [InlineData("Мамедов Рашид Ибрагим оглы", "Мамедов", "Рашид", "Ибрагим оглы")]
    [InlineData("Иванов", "Иванов", null, null)]
    [InlineData("Анна", null, "Анна", null)]
    [InlineData("Иванов И.", "Иванов", "И.", null)]
    public void Parse_FullName_Splits(string raw, string? last, string? first, string? middle)
    {
        var name = PersonName.Parse(raw).Value;

        Assert.Equal(last, name.Last);
        Assert.Equal(first, name.First);
        Assert.Equal(middle, name.Middle);
    }

    [Fact]
    public void FromParts_CleansEachPart()
    {
        var name = PersonName.FromParts(" Иванов ", "Иван", "  Иванович").Value;

        Assert.Equal(new PersonName("Иванов", "Иван", "Иванович"), name);
        Assert.Equal("Иванов Иван Иванович", name.FullName);
    }

    [Fact]
    public void MatchKey_IgnoresCaseYoAndSpacing()
    {
        Assert.Equal(PersonName.Parse("Пётр Ёлкин").Value.MatchKey, PersonName.Parse("  ПЕТР   ЕЛКИН ").Value.MatchKey);
    }

    [Theory]
    [InlineData(null, "name.missing")]
    [InlineData("   ", "name.missing")]
    [InlineData("ivanov@example.ru", "name.format")]
    [InlineData("+7 916 123-45-67", "name.format")]
    public void Parse_Invalid_SaysWhy(string? raw, string code) => Assert.Equal(code, PersonName.Parse(raw).Problem!.Code);
}
