using System.Text;
using System.Text.Unicode;
using SyncGrid.Generator.Model;

namespace SyncGrid.Generator;

/// <summary>
/// Turns store A rows into the bytes their latin1 columns hold: windows-1251 for rows of the legacy application,
/// UTF-8 for rows of the newer one. A value windows-1251 cannot hold, or whose windows-1251 bytes would read as UTF-8
/// (the reader's rule), is written as UTF-8 so that it reads back as written.
/// </summary>
internal sealed class StoreAEncoder(Encoding windows1251)
{
    public int Utf8Fallbacks { get; private set; }

    public GeneratedCompanyRow Company(StoreARowRecord row)
    {
        var v = row.Version;
        var raw = v.Raw!;
        var account = raw.Accounts.Count > 0 ? raw.Accounts[0] : null;
        return new GeneratedCompanyRow(
            row.Id,
            Bytes(raw.Name, row.Utf8, 255),
            Bytes(raw.Inn, row.Utf8, 32),
            Check(raw.Kpp, 16),
            Check(raw.Ogrn, 20),
            Bytes(raw.Address, row.Utf8, 65_535),
            Bytes(raw.Phones.Count > 0 ? raw.Phones[0] : null, row.Utf8, 255),
            Check(raw.Emails.Count > 0 ? raw.Emails[0] : null, 255),
            Check(account?.Bik, 16),
            Check(account?.Account, 32),
            Bytes(account?.BankName, row.Utf8, 255),
            v.Time.UtcDateTime,
            v.Deleted);
    }

    public GeneratedContactRow Contact(StoreAContactRecord contact)
    {
        var v = contact.Version;
        var raw = v.Raw;
        return new GeneratedContactRow(
            contact.Id,
            contact.CompanyId,
            Bytes(raw.FullName, contact.Utf8, 255),
            Bytes(raw.Position, contact.Utf8, 255),
            Bytes(raw.Phones.Count > 0 ? raw.Phones[0] : null, contact.Utf8, 255),
            Check(raw.Emails.Count > 0 ? raw.Emails[0] : null, 255),
            v.Time.UtcDateTime,
            v.Deleted);
    }

    private byte[]? Bytes(string? value, bool utf8, int maxBytes)
    {
        if (value is null)
        {
            return null;
        }

        var bytes = utf8 ? Encoding.UTF8.GetBytes(value) : Windows1251(value);
        return bytes.Length <= maxBytes
            ? bytes
            : throw new InvalidOperationException($"A generated value is longer than its column ({bytes.Length} > {maxBytes} bytes): {value}");
    }

    private byte[] Windows1251(string value)
    {
        byte[] bytes;
        try
        {
            bytes = windows1251.GetBytes(value);
        }
        catch (EncoderFallbackException)
        {
            Utf8Fallbacks++;
            return Encoding.UTF8.GetBytes(value);
        }

        if (!Ascii.IsValid(bytes) && Utf8.IsValid(bytes))
        {
            Utf8Fallbacks++;
            return Encoding.UTF8.GetBytes(value);
        }

        return bytes;
    }

    private static string? Check(string? value, int maxChars) => value is null || value.Length <= maxChars
        ? value
        : throw new InvalidOperationException($"A generated value is longer than its column ({value.Length} > {maxChars} characters): {value}");
}
