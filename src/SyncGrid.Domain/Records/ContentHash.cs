using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SyncGrid.Domain.Channels;

namespace SyncGrid.Domain.Records;

/// <summary>
/// A stable hash of a record's content (store, source id, every clean field), the same in every process and run.
/// A grain that receives a record with the hash and change time it already holds for that source record changes
/// nothing. The change time is left out of the hash on purpose, so that identical content re-delivered under a newer
/// time (a re-export, a touched <c>updated_at</c>) is recognised as such: it moves the version's time forward (which
/// the merge order needs) but never causes downstream work.
/// </summary>
public static class ContentHash
{
    /// <summary>The hex SHA-256 of the company record's canonical form.</summary>
    public static string Of(CompanyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var w = new Writer();
        w.Add("company");
        w.Add(record.Source);
        w.Add(record.Tin.Value);
        w.Add((int)record.Category);
        w.Add(record.IsDeleted);
        w.Add(record.Name?.Display);
        w.Add(record.Kpp?.Value);
        w.Add(record.Ogrn?.Value);
        w.Add(record.LegalAddress);
        w.Add(record.Phones);
        w.Add(record.Emails);
        w.Add(record.BankAccounts.Count);
        foreach (var account in record.BankAccounts)
        {
            w.Add(account.Bik.Value);
            w.Add(account.Account.Value);
            w.Add(account.BankName);
        }

        return w.Hash();
    }

    /// <summary>The hex SHA-256 of the contact record's canonical form.</summary>
    public static string Of(ContactRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var w = new Writer();
        w.Add("contact");
        w.Add(record.Source);
        w.Add(record.CompanyTin.Value);
        w.Add(record.Key.Value);
        w.Add(record.IsDeleted);
        w.Add(record.Name?.Last);
        w.Add(record.Name?.First);
        w.Add(record.Name?.Middle);
        w.Add(record.Position);
        w.Add(record.Phones);
        w.Add(record.Emails);
        w.Add(record.Parent is { } parent ? parent.ToString() : null);
        return w.Hash();
    }

    // Length-prefixed fields, so that no two different records write the same text.
    private sealed class Writer
    {
        private readonly StringBuilder _text = new(256);

        public void Add(string? value)
        {
            if (value is null)
            {
                _text.Append("~|");
                return;
            }

            _text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
        }

        public void Add(int value) => _text.Append(value.ToString(CultureInfo.InvariantCulture)).Append('|');

        public void Add(bool value) => _text.Append(value ? "1|" : "0|");

        public void Add(SourceRef source)
        {
            Add((int)source.Store);
            Add(source.Id);
        }

        public void Add(ValueList<PhoneNumber> phones)
        {
            Add(phones.Count);
            foreach (var phone in phones)
            {
                Add(phone.E164);
                Add(phone.Extension);
                Add((int)phone.Kind);
            }
        }

        public void Add(ValueList<EmailAddress> emails)
        {
            Add(emails.Count);
            foreach (var email in emails)
            {
                Add(email.Value);
            }
        }

        public string Hash()
        {
            var length = Encoding.UTF8.GetMaxByteCount(_text.Length);
            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                var written = 0;
                foreach (var chunk in _text.GetChunks())
                {
                    written += Encoding.UTF8.GetBytes(chunk.Span, buffer.AsSpan(written));
                }

                Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
                SHA256.HashData(buffer.AsSpan(0, written), hash);
                return Convert.ToHexStringLower(hash);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
