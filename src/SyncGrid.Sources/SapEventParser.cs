using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace SyncGrid.Sources;

/// <summary>
/// Parses one store B change event (a Kafka message value, UTF-8 JSON). Never throws for bad input: anything that
/// cannot become a partner record comes back as a <see cref="Rejected"/> with a reason code and the given position.
/// </summary>
public static class SapEventParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Parses one event.</summary>
    /// <param name="utf8Json">The message value.</param>
    /// <param name="position">The message's source position (for example <c>sapcrm.partners/3@1207</c>), carried into the result.</param>
    public static SapEventResult Parse(ReadOnlySpan<byte> utf8Json, string position)
    {
        ArgumentNullException.ThrowIfNull(position);

        // The reader checks UTF-8 only lazily, when a string is read; checking first keeps the mapping free of throws.
        if (!Utf8.IsValid(utf8Json))
        {
            return new Rejected(SapRejectCodes.JsonMalformed, "The message is not valid UTF-8.", position);
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                document.Dispose();
                return new Rejected(SapRejectCodes.JsonMalformed, "The message holds more than one JSON value.", position);
            }
        }
        catch (JsonException ex)
        {
            return new Rejected(SapRejectCodes.JsonMalformed, $"The message is not valid JSON: {ex.Message}", position);
        }

        using (document)
        {
            return Map(document.RootElement, position);
        }
    }

    private static SapEventResult Map(JsonElement root, string position)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new Rejected(SapRejectCodes.JsonShape, $"The event is a JSON {SapPartnerMapper.Describe(root.ValueKind)}, not an object.", position);
        }

        var eventType = SapPartnerMapper.Text(root, "eventType");
        var deleted = string.Equals(eventType, "PartnerDeleted", StringComparison.Ordinal);
        if (!deleted && !string.Equals(eventType, "PartnerChanged", StringComparison.Ordinal))
        {
            return new Rejected(SapRejectCodes.EventType,
                eventType is null ? "The event has no eventType string." : $"Unknown eventType '{eventType}'; expected PartnerChanged or PartnerDeleted.",
                position);
        }

        if (TryTime(SapPartnerMapper.Property(root, "occurredAt")) is not { } occurredAt)
        {
            return new Rejected(SapRejectCodes.EventTime, "The event has no occurredAt, or it is not an ISO 8601 time with an offset.", position);
        }

        var partner = SapPartnerMapper.Property(root, "partner");
        if (!deleted)
        {
            return SapPartnerMapper.Map(partner, occurredAt, position);
        }

        // A deletion only needs the id; accept it at the top level too, where a deletion message may put it.
        var partnerId = SapPartnerMapper.PartnerId(partner) ?? SapPartnerMapper.PartnerId(root);
        return partnerId is null
            ? new Rejected(SapRejectCodes.PartnerIdMissing, "The PartnerDeleted event has no partnerId.", position)
            : new PartnerDeleted(partnerId, occurredAt, position);
    }

    /// <summary>Reads an ISO 8601 time; a time without an offset is not accepted, because its meaning would be a guess.</summary>
    internal static DateTimeOffset? TryTime(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? TryTime(value.GetString()) : null;

    /// <inheritdoc cref="TryTime(JsonElement)"/>
    internal static DateTimeOffset? TryTime(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        return HasOffset(trimmed)
            && DateTimeOffset.TryParseExact(trimmed, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : null;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
