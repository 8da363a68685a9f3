using System.Text.Json;

namespace SyncGrid.Sources.StoreA;

/// <summary>
/// The value of a store A record on the ingest topic (version 1): the row as read, latin1 columns as base64 of their
/// raw bytes, its source position (table, <c>updated_at</c>, id) and its change time. Decoding of the latin1 bytes
/// happens at ingest, so a value in a bad encoding is rejected there with the row's position. The layout is
/// documented in <c>docs/store-a.md</c>.
/// </summary>
/// <param name="Row">The row.</param>
/// <param name="ChangedAt">The row's <see cref="StoreARow.ChangedAt"/> in the source's time zone, as an instant.</param>
public sealed record StoreAEnvelope(StoreARow Row, DateTimeOffset ChangedAt)
{
    /// <summary>The envelope version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The record key: <c>companies/&lt;id&gt;</c> or <c>contacts/&lt;id&gt;</c>.</summary>
    public string Key => Row.Key;

    /// <summary>The source position as reject entries show it: <c>companies/17@2026-10-01T09:15:27.123456</c>.</summary>
    public string Position => $"{Row.Key}@{StoreAPosition.FormatTime(Row.UpdatedAt)}";

    /// <summary>Builds the envelope of a row, converting its change time from the source's time zone.</summary>
    public static StoreAEnvelope Of(StoreARow row, TimeZoneInfo sourceTimeZone)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(sourceTimeZone);
        return new StoreAEnvelope(row, ToInstant(row.ChangedAt, sourceTimeZone));
    }

    /// <summary>A stored <c>DATETIME</c> read in the source's time zone, as an instant in UTC.</summary>
    public static DateTimeOffset ToInstant(DateTime stored, TimeZoneInfo sourceTimeZone)
    {
        ArgumentNullException.ThrowIfNull(sourceTimeZone);
        var local = DateTime.SpecifyKind(stored, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, sourceTimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The envelope as UTF-8 JSON.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(StoreAEnvelopeJson.From(this), StoreAJsonContext.Default.StoreAEnvelopeJson);

    /// <summary>
    /// Reads an envelope. Never throws for bad input: the failure carries a reason code of <see cref="StoreARejectCodes"/>.
    /// </summary>
    public static StoreAEnvelopeResult Parse(ReadOnlySpan<byte> json)
    {
        StoreAEnvelopeJson? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, StoreAJsonContext.Default.StoreAEnvelopeJson);
        }
        catch (JsonException ex)
        {
            return StoreAEnvelopeResult.Fail(StoreARejectCodes.EnvelopeMalformed, $"Not a store A envelope: {ex.Message}");
        }

        if (dto is null)
        {
            return StoreAEnvelopeResult.Fail(StoreARejectCodes.EnvelopeMalformed, "Not a store A envelope: the JSON is null.");
        }

        return dto.ToEnvelope();
    }
}
