using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Tests.Text;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("  Петрова  Анна ", "Петрова Анна")]
    [InlineData("ПАО  \"Сбербанк России\"", "ПАО \"Сбербанк России\"")]
    [InlineData("ООО «Ромашка»", "ООО \"Ромашка\"")]
    [InlineData("ООО „Ромашка“", "ООО \"Ромашка\"")]
    [InlineData("ООО “Ромашка”", "ООО \"Ромашка\"")]
    [InlineData("Д’Артаньян", "Д'Артаньян")]
    [InlineData("a\tb\r\nc", "a b c")]
    [InlineData("a\u00A0\u00A0b", "a b")]
    [InlineData("\uFEFFтекст\u200B", "текст")]
    [InlineData("clean", "clean")]
    public void Clean_MessyText_IsNormalized(string raw, string expected) => Assert.Equal(expected, TextNormalizer.Clean(raw));

    [Fact]
    public void Clean_DecomposedText_BecomesNfc()
    {
        var decomposed = "Е\u0308лкин"; // Ё as Е + combining diaeresis
        var cleaned = TextNormalizer.Clean(decomposed);

        Assert.Equal("Ёлкин", cleaned);
        Assert.Equal(5, cleaned!.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Clean_Blank_IsNull(string? raw) => Assert.Null(TextNormalizer.Clean(raw));
}
