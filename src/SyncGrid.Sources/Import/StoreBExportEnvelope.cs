using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace SyncGrid.Sources.Import;

/// <summary>
/// The value of a record on the store B exports topic: a small versioned JSON envelope with the partner's place in its
/// export file and either the partner as a SAP <c>PartnerChanged</c> event or, for a malformed partner, why it was
/// rejected and its raw text. See <c>docs/import.md</c>.
/// </summary>
/// <remarks>
/// <code>
/// { "format": "syncgrid.store-b-export", "version": 1,
///   "source": { "file": "export.json.gz", "fileId": "3f9a…", "index": 12, "offset": 3456 },
///   "event": { "eventId": "3f9a…#12", "eventType": "PartnerChanged", "occurredAt": "2026-09-30T23:00:00+00:00", "partner": { … } } }
/// { "format": "syncgrid.store-b-export", "version": 1, "source": { … },
///   "rejected": { "code": "json.shape", "message": "…", "raw": "[1,2]", "rawBytes": 5 } }
/// </code>
/// A reader accepts any version up to <see cref="Version"/> and ignores properties it does not know.
/// </remarks>
public static class StoreBExportEnvelope
{
    /// <summary>The value of the <c>format</c> property.</summary>
    public const string Format = "syncgrid.store-b-export";

    /// <summary>The envelope version this code writes and the highest it reads.</summary>
    public const int Version = 1;

    /// <summary>A malformed partner's raw text is kept up to this many characters.</summary>
    public const int MaxRawChars = 4000;

    /// <summary>The reason code of a record that is not a readable envelope.</summary>
    public const string MalformedCode = "envelope.malformed";

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>The record for one export item: keyed by its partner id, or by its position when it has none.</summary>
    /// <param name="item">The item as the reader yielded it.</param>
    /// <param name="file">The export file's identity (name and id are written into the envelope).</param>
    /// <param name="fallbackTime">The event time when the export has no <c>exportedAt</c> before its partners.</param>
    public static ImportRecord Create(StoreBExportItem item, ExportFileIdentity file, DateTimeOffset fallbackTime)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(file);
        var buffer = new ArrayBufferWriter<byte>(item.Utf8Json.Length + 512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("format"u8, Format);
            writer.WriteNumber("version"u8, Version);
            writer.WriteStartObject("source"u8);
            writer.WriteString("file"u8, file.Name);
            writer.WriteString("fileId"u8, file.Id);
            writer.WriteNumber("index"u8, item.Index);
            writer.WriteNumber("offset"u8, item.ByteOffset);
            writer.WriteEndObject();
            if (item.Result is Rejected rejected)
            {
                writer.WriteStartObject("rejected"u8);
                writer.WriteString("code"u8, rejected.Code);
                writer.WriteString("message"u8, rejected.Message);
                writer.WriteString("raw"u8, Truncate(Encoding.UTF8.GetString(item.Utf8Json.Span)));
                writer.WriteNumber("rawBytes"u8, item.Utf8Json.Length);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject("event"u8);
                writer.WriteString("eventId"u8, string.Create(CultureInfo.InvariantCulture, $"{file.Id}#{item.Index}"));
                writer.WriteString("eventType"u8, "PartnerChanged"u8);
                writer.WriteString("occurredAt"u8, (item.ExportedAt ?? fallbackTime).ToUniversalTime());
                writer.WritePropertyName("partner"u8);
                // The scanner has already checked the value (complete JSON, valid UTF-8): it goes through byte for byte.
                writer.WriteRawValue(item.Utf8Json.Span, skipInputValidation: true);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        var key = item.Result is PartnerChanged changed ? changed.Company.Source.Id : StoreBExportPosition.Key(file.Name, item.Index);
        return new ImportRecord(key, buffer.WrittenSpan.ToArray());
    }

    /// <summary>
    /// Reads one record. Never throws for bad input: the result is the partner (<see cref="PartnerChanged"/>), or a
    /// <see cref="Rejected"/> with the raw text to keep — a malformed partner at its file position, or a record that is
    /// not an envelope at <paramref name="transportPosition"/>.
    /// </summary>
    /// <param name="value">The record's value.</param>
    /// <param name="transportPosition">Where the record was read (a Kafka offset), used when the envelope names no file position.</param>
    public static StoreBExportMessage Read(ReadOnlyMemory<byte> value, string transportPosition)
    {
        ArgumentNullException.ThrowIfNull(transportPosition);
        if (!Utf8.IsValid(value.Span))
        {
            return Malformed("The record is not valid UTF-8.", value.Span, transportPosition);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            return Malformed($"The record is not JSON: {ex.Message}", value.Span, transportPosition);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format"u8, out var format) || !format.ValueEquals(Format)
                || !root.TryGetProperty("version"u8, out var version) || !version.TryGetInt32(out var number) || number < 1 || number > Version)
            {
                return Malformed($"The record is not a {Format} envelope of version 1 to {Version}.", value.Span, transportPosition);
            }

            if (!root.TryGetProperty("source"u8, out var source) || source.ValueKind != JsonValueKind.Object
                || !source.TryGetProperty("file"u8, out var file) || file.ValueKind != JsonValueKind.String
                || !source.TryGetProperty("index"u8, out var index) || !index.TryGetInt64(out var partnerIndex)
                || !source.TryGetProperty("offset"u8, out var offset) || !offset.TryGetInt64(out var byteOffset))
            {
                return Malformed("The envelope has no source position (file, index, offset).", value.Span, transportPosition);
            }

            var position = StoreBExportPosition.Format(file.GetString(), partnerIndex, byteOffset);
            if (root.TryGetProperty("event"u8, out var sapEvent) && sapEvent.ValueKind == JsonValueKind.Object)
            {
                var eventJson = JsonMarshal.GetRawUtf8Value(sapEvent);
                var result = SapEventParser.Parse(eventJson, position);
                return new StoreBExportMessage(result, result is Rejected ? Truncate(Encoding.UTF8.GetString(eventJson)) : null);
            }

            if (root.TryGetProperty("rejected"u8, out var rejected) && rejected.ValueKind == JsonValueKind.Object)
            {
                return new StoreBExportMessage(
                    new Rejected(
                        Text(rejected, "code"u8) ?? SapRejectCodes.JsonMalformed,
                        Text(rejected, "message"u8) ?? "The partner was rejected by the importer.",
                        position),
                    Text(rejected, "raw"u8));
            }

            return Malformed("The envelope has neither an event nor a rejection.", value.Span, position);
        }
    }

    private static string? Text(JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static StoreBExportMessage Malformed(string message, ReadOnlySpan<byte> value, string position) =>
        new(new Rejected(MalformedCode, message, position), Truncate(Encoding.UTF8.GetString(value)));

    private static string Truncate(string text) => text.Length <= MaxRawChars ? text : text[..MaxRawChars];
}
