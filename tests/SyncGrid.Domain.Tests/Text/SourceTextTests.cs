using System.Text;
using SyncGrid.Domain.Text;

namespace SyncGrid.Domain.Tests.Text;

public class SourceTextTests
{
    [Theory]
    [InlineData("ООО \"Ромашка\"")]
    [InlineData("Иванов Иван Иванович")]
    [InlineData("г. Москва, ул. Вавилова, д. 19")]
    public void Decode_Windows1251Bytes_DecodesAsWindows1251(string text)
    {
        var bytes = SourceText.Windows1251.GetBytes(text);

        Assert.Equal(text, SourceText.Decode(bytes, out var detected));
        Assert.Equal(SourceText.Detected.Windows1251, detected);
    }

    [Theory]
    [InlineData("ООО \"Ромашка\"")]
    [InlineData("Пётр Ёлкин")]
    [InlineData("Café «Ёж»")]
    public void Decode_Utf8Bytes_DecodesAsUtf8(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        Assert.Equal(text, SourceText.Decode(bytes, out var detected));
        Assert.Equal(SourceText.Detected.Utf8, detected);
    }

    [Fact]
    public void Decode_Ascii_IsAscii()
    {
        Assert.Equal("LLC Romashka 123", SourceText.Decode("LLC Romashka 123"u8, out var detected));
        Assert.Equal(SourceText.Detected.Ascii, detected);
    }

    [Fact]
    public void Decode_EmptyValue_IsEmpty() => Assert.Equal(string.Empty, SourceText.Decode([]));

    [Fact]
    public void Decode_SameColumnDifferentRows_EachDecodedByItsOwnBytes()
    {
        // One column, two rows: one written by the legacy application, one by the new one.
        var legacy = SourceText.Windows1251.GetBytes("Сбербанк");
        var modern = Encoding.UTF8.GetBytes("Сбербанк");

        Assert.Equal("Сбербанк", SourceText.Decode(legacy));
        Assert.Equal("Сбербанк", SourceText.Decode(modern));
    }

    [Fact]
    public void RepairLatin1Mojibake_ServerConvertedText_IsRepaired()
    {
        // What a latin1 connection returns for windows-1251 bytes.
        var mojibake = Encoding.Latin1.GetString(SourceText.Windows1251.GetBytes("Иванов"));

        Assert.NotEqual("Иванов", mojibake);
        Assert.Equal("Иванов", SourceText.RepairLatin1Mojibake(mojibake));
        Assert.Equal("Иванов", SourceText.RepairLatin1Mojibake("Иванов"));
    }
}
