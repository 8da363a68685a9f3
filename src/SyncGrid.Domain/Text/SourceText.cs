using System.Text;
using System.Text.Unicode;

namespace SyncGrid.Domain.Text;

/// <summary>
/// Decodes the raw bytes of a legacy text column. The old application wrote windows-1251 bytes into latin1 columns,
/// the newer one writes UTF-8 into the same columns: a value that is valid UTF-8 and holds non-ASCII characters is
/// UTF-8, anything else is windows-1251 (which is also right for plain ASCII).
/// </summary>
public static class SourceText
{
    /// <summary>The windows-1251 (Cyrillic) encoding, from the code-pages provider.</summary>
    public static Encoding Windows1251 { get; } = CreateWindows1251();

    /// <summary>Which encoding <see cref="Decode(ReadOnlySpan{byte}, out Detected)"/> chose for a value.</summary>
    public enum Detected
    {
        Ascii,
        Utf8,
        Windows1251,
    }

    /// <summary>Decodes one column value, choosing UTF-8 or windows-1251 for this value alone.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes) => Decode(bytes, out _);

    /// <summary>Decodes one column value and says which encoding it was read as.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, out Detected detected)
    {
        if (Ascii.IsValid(bytes))
        {
            detected = Detected.Ascii;
            return Encoding.ASCII.GetString(bytes);
        }

        if (Utf8.IsValid(bytes))
        {
            detected = Detected.Utf8;
            return Encoding.UTF8.GetString(bytes);
        }

        detected = Detected.Windows1251;
        return Windows1251.GetString(bytes);
    }

    /// <summary>
    /// Repairs text that was already decoded wrongly as latin1 (what the server's own conversion of these columns
    /// yields): the characters are turned back into their bytes and decoded as <see cref="Decode(ReadOnlySpan{byte})"/> does.
    /// Text with a character above U+00FF was not produced by a latin1 decode and is returned as it is.
    /// </summary>
    public static string RepairLatin1Mojibake(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().ContainsAnyExceptInRange('\0', '\u00FF'))
        {
            return text;
        }

        return Decode(Encoding.Latin1.GetBytes(text));
    }

    private static Encoding CreateWindows1251()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1251);
    }
}
