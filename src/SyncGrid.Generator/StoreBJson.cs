using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using SyncGrid.Generator.Model;

namespace SyncGrid.Generator;

/// <summary>Writes store B partners and change events as the sources contract shapes them.</summary>
internal sealed class StoreBJson : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _writer;

    public StoreBJson() => _writer = new Utf8JsonWriter(_buffer, Options);

    public void Dispose() => _writer.Dispose();

    /// <summary>One partner object (an export entry).</summary>
    public ReadOnlySpan<byte> Partner(string partnerId, CompanyVersion version)
    {
        Reset();
        WritePartner(partnerId, version);
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    /// <summary>One change event (the Kafka message value).</summary>
    public byte[] Event(string partnerId, CompanyVersion version, bool idAtTop)
    {
        Reset();
        _writer.WriteStartObject();
        _writer.WriteString("eventId", version.EventId.ToString("D"));
        _writer.WriteString("eventType", version.Deleted ? "PartnerDeleted" : "PartnerChanged");
        _writer.WriteString("occurredAt", Render.Time(version.Time));
        if (version.Deleted)
        {
            if (idAtTop)
            {
                _writer.WriteString("partnerId", partnerId);
            }
            else
            {
                _writer.WriteStartObject("partner");
                _writer.WriteString("partnerId", partnerId);
                _writer.WriteEndObject();
            }
        }
        else
        {
            _writer.WritePropertyName("partner");
            WritePartner(partnerId, version);
        }

        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    /// <summary>Any JSON written by <paramref name="write"/>, as bytes.</summary>
    public byte[] Json(Action<Utf8JsonWriter> write)
    {
        Reset();
        write(_writer);
        _writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    private void Reset()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
    }

    private void WritePartner(string partnerId, CompanyVersion version)
    {
        var w = _writer;
        var raw = version.Raw!;
        w.WriteStartObject();
        w.WriteString("partnerId", partnerId);
        WriteOptional(w, "category", raw.Category);
        WriteOptional(w, "name", raw.Name);
        if (raw.TaxNumbersAsString)
        {
            w.WriteString("taxNumbers", raw.Inn);
        }
        else
        {
            w.WriteStartObject("taxNumbers");
            if (raw.Inn is null)
            {
                w.WriteNull("inn");
            }
            else if (raw.InnAsNumber)
            {
                w.WritePropertyName("inn");
                w.WriteRawValue(raw.Inn);
            }
            else
            {
                w.WriteString("inn", raw.Inn);
            }

            if (raw.Kpp is not null)
            {
                if (raw.KppAsNumber)
                {
                    w.WritePropertyName("kpp");
                    w.WriteRawValue(raw.Kpp);
                }
                else
                {
                    w.WriteString("kpp", raw.Kpp);
                }
            }

            WriteOptional(w, "ogrn", raw.Ogrn);
            w.WriteEndObject();
        }

        WriteOptional(w, "legalAddress", raw.Address);
        if (raw.Phones.Count > 0)
        {
            w.WriteStartArray("phones");
            for (var i = 0; i < raw.Phones.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("number", raw.Phones[i]);
                w.WriteString("type", i < raw.PhoneTypes.Count ? raw.PhoneTypes[i] : "WORK");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        WriteStrings(w, "emails", raw.Emails);
        if (raw.Accounts.Count > 0)
        {
            w.WriteStartArray("bankAccounts");
            foreach (var account in raw.Accounts)
            {
                w.WriteStartObject();
                WriteOptional(w, "bik", account.Bik);
                WriteOptional(w, "account", account.Account);
                WriteOptional(w, "bankName", account.BankName);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartArray("contacts");
        foreach (var contact in version.Contacts)
        {
            var c = contact.Raw;
            w.WriteStartObject();
            w.WriteString("contactId", contact.ContactId);
            WriteOptional(w, "lastName", c.LastName);
            WriteOptional(w, "firstName", c.FirstName);
            WriteOptional(w, "middleName", c.MiddleName);
            WriteOptional(w, "position", c.Position);
            WriteStrings(w, "phones", c.Phones);
            WriteStrings(w, "emails", c.Emails);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, List<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
