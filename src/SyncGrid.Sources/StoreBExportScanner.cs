using System.Text.Json;
using System.Text.Unicode;

namespace SyncGrid.Sources;

/// <summary>
/// The synchronous half of <see cref="StoreBExportReader"/>: walks an export's JSON over whatever bytes are buffered,
/// one partner at a time, and keeps only the reader state between calls. A unit (a root property, a partner) is
/// consumed only once it is complete, so a unit split across buffer refills is re-read whole from its start.
/// </summary>
/// <param name="fallbackTime">The partners' source time when no <c>exportedAt</c> comes before them.</param>
/// <param name="startAfter">The index of the last partner to skip, if any.</param>
/// <param name="sourceName">The prefix of positions.</param>
/// <param name="pauseAtPartners">Whether <see cref="Next"/> returns <see cref="ScanStep.PartnersOpened"/> once, right after the array opens.</param>
internal sealed class StoreBExportScanner(DateTimeOffset fallbackTime, long? startAfter, string? sourceName, bool pauseAtPartners = false)
{
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 256 });
    private Phase _phase = Phase.Start;
    private long _lastIndex = -1;
    private DateTimeOffset? _exportedAt;
    private DateTimeOffset? _partnersExportedAt;
    private DateTimeOffset _partnerTime;
    private bool _pauseAtPartners = pauseAtPartners;

    private enum Phase
    {
        Start,
        Root,
        Partners,
        Done,
    }

    /// <summary>Advances until one item is ready, the data runs out, or the file ends.</summary>
    /// <param name="data">The unread bytes.</param>
    /// <param name="isFinal">Whether the stream has no more bytes after these.</param>
    /// <param name="dataOffset">The stream offset of <paramref name="data"/>'s first byte.</param>
    /// <param name="consumed">How many bytes of <paramref name="data"/> are done with.</param>
    /// <param name="item">The item, when the step is <see cref="ScanStep.Item"/>.</param>
    public ScanStep Next(ReadOnlySpan<byte> data, bool isFinal, long dataOffset, out int consumed, out StoreBExportItem? item)
    {
        item = null;
        consumed = 0;
        if (_phase == Phase.Done)
        {
            return ScanStep.Done;
        }

        // The reader is never told the block is final: the scan stops at the root's end anyway, and a reader that runs
        // out of bytes then reports "need more", which at the end of the stream is exactly a truncated file.
        var reader = new Utf8JsonReader(data, isFinalBlock: false, _state);
        try
        {
            while (true)
            {
                if (!reader.Read())
                {
                    return NeedMore(data, isFinal, dataOffset, ref consumed, ref item);
                }

                switch (_phase)
                {
                    case Phase.Start when reader.TokenType != JsonTokenType.StartObject:
                        item = Stop(SapRejectCodes.JsonShape, $"The export is a JSON {reader.TokenType}, not an object.", dataOffset + reader.TokenStartIndex, data[(int)reader.TokenStartIndex..]);
                        consumed = (int)reader.BytesConsumed;
                        return ScanStep.Item;
                    case Phase.Start:
                        _phase = Phase.Root;
                        break;
                    case Phase.Root when reader.TokenType == JsonTokenType.EndObject:
                        _phase = Phase.Done;
                        consumed = (int)reader.BytesConsumed;
                        return ScanStep.Done;
                    case Phase.Root:
                        var name = reader.GetString();
                        if (!reader.Read() || (IsContainer(reader.TokenType)
                            && !(reader.TokenType == JsonTokenType.StartArray && string.Equals(name, "partners", StringComparison.Ordinal))
                            && !reader.TrySkip()))
                        {
                            return NeedMore(data, isFinal, dataOffset, ref consumed, ref item);
                        }

                        if (RootProperty(in reader, name, data, dataOffset) is { } rejected)
                        {
                            item = rejected;
                            consumed = (int)reader.BytesConsumed;
                            _state = reader.CurrentState;
                            return ScanStep.Item;
                        }

                        if (_phase == Phase.Partners && _pauseAtPartners)
                        {
                            _pauseAtPartners = false;
                            consumed = (int)reader.BytesConsumed;
                            _state = reader.CurrentState;
                            return ScanStep.PartnersOpened;
                        }

                        break;
                    case Phase.Partners when reader.TokenType == JsonTokenType.EndArray:
                        _phase = Phase.Root;
                        break;
                    default:
                        var start = reader.TokenStartIndex;
                        if (IsContainer(reader.TokenType) && !reader.TrySkip())
                        {
                            return NeedMore(data, isFinal, dataOffset, ref consumed, ref item);
                        }

                        var index = ++_lastIndex;
                        if (startAfter is not { } after || index > after)
                        {
                            item = Partner(data[(int)start..(int)reader.BytesConsumed], index, dataOffset + start);
                            consumed = (int)reader.BytesConsumed;
                            _state = reader.CurrentState;
                            return ScanStep.Item;
                        }

                        break;
                }

                consumed = (int)reader.BytesConsumed;
                _state = reader.CurrentState;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            item = Stop(SapRejectCodes.JsonMalformed, $"The export is not valid JSON, reading stops: {ex.Message}", dataOffset + consumed, data[consumed..]);
            return ScanStep.Item;
        }
    }

    /// <summary>Ends the read with a rejection, for a caller that cannot go on (a partner larger than the buffer may grow).</summary>
    /// <param name="code">The reason code.</param>
    /// <param name="message">The reason.</param>
    /// <param name="offset">The stream offset where reading stops.</param>
    /// <param name="tail">The unread bytes at that point; the first <see cref="StoreBExportItem.MaxTailBytes"/> are kept.</param>
    public StoreBExportItem Stop(string code, string message, long offset, ReadOnlySpan<byte> tail)
    {
        _phase = Phase.Done;
        return Fail(code, message, offset, tail) with { EndsRead = true };
    }

    /// <summary>
    /// Continues after a jump of the stream to the partner at <paramref name="index"/> (a checkpointed partner's offset):
    /// the next value read is that partner. Only valid right after <see cref="ScanStep.PartnersOpened"/>, while the
    /// reader expects the array's first value.
    /// </summary>
    public void JumpTo(long index)
    {
        if (_phase != Phase.Partners || _lastIndex != -1)
        {
            throw new InvalidOperationException("The scanner can only jump right after the partners array opened.");
        }

        _lastIndex = index - 1;
    }

    private static bool IsContainer(JsonTokenType token) => token is JsonTokenType.StartObject or JsonTokenType.StartArray;

    private ScanStep NeedMore(ReadOnlySpan<byte> data, bool isFinal, long dataOffset, ref int consumed, ref StoreBExportItem? item)
    {
        if (!isFinal)
        {
            return ScanStep.NeedMore;
        }

        item = Stop(SapRejectCodes.JsonMalformed, "The export ends before its JSON is complete (truncated file); reading stops.", dataOffset + consumed, data[consumed..]);
        return ScanStep.Item;
    }

    private StoreBExportItem? RootProperty(ref readonly Utf8JsonReader reader, string? name, ReadOnlySpan<byte> data, long dataOffset)
    {
        switch (name)
        {
            case "exportedAt":
                _exportedAt = reader.TokenType == JsonTokenType.String ? SapEventParser.TryTime(reader.GetString()) : null;
                return null;
            case "partners" when reader.TokenType == JsonTokenType.StartArray:
                _partnersExportedAt = _exportedAt;
                _partnerTime = _exportedAt ?? fallbackTime;
                _phase = Phase.Partners;
                return null;
            case "partners":
                return Fail(SapRejectCodes.JsonShape, "The export's partners is not a JSON array.", dataOffset + reader.TokenStartIndex, data[(int)reader.TokenStartIndex..(int)reader.BytesConsumed]);
            default:
                return null;
        }
    }

    private StoreBExportItem Partner(ReadOnlySpan<byte> json, long index, long offset)
    {
        var position = Position(index, offset);
        var raw = json.ToArray();
        if (!Utf8.IsValid(json))
        {
            return new(new Rejected(SapRejectCodes.JsonMalformed, "The partner is not valid UTF-8 (is the file's encoding option right?).", position), index, offset)
            {
                Utf8Json = raw,
                ExportedAt = _partnersExportedAt,
            };
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        using var document = JsonDocument.ParseValue(ref reader);
        return new(SapPartnerMapper.Map(document.RootElement, _partnerTime, position), index, offset)
        {
            Utf8Json = raw,
            ExportedAt = _partnersExportedAt,
        };
    }

    private StoreBExportItem Fail(string code, string message, long offset, ReadOnlySpan<byte> raw) =>
        new(new Rejected(code, message, Position(_lastIndex + 1, offset)), _lastIndex + 1, offset)
        {
            Utf8Json = raw[..Math.Min(raw.Length, StoreBExportItem.MaxTailBytes)].ToArray(),
            ExportedAt = _partnersExportedAt,
        };

    private string Position(long index, long offset) => StoreBExportPosition.Format(sourceName, index, offset);
}
