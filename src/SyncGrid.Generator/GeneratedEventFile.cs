using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace SyncGrid.Generator;

/// <summary>
/// The store B event file: NDJSON, one Kafka message per line in stream order,
/// <c>{"key":"&lt;partnerId&gt;","value":&lt;the message's JSON, verbatim&gt;}</c>, or
/// <c>{"key":…,"valueBase64":"…"}</c> for a message that is not one JSON value (poison messages).
/// </summary>
public static class GeneratedEventFile
{
    /// <summary>Writes one line.</summary>
    public static void WriteLine(Stream stream, GeneratedEvent message, bool valueIsJson)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(message);
        stream.Write("{\"key\":"u8);
        stream.Write(JsonSerializer.SerializeToUtf8Bytes(message.Key));
        if (valueIsJson)
        {
            stream.Write(",\"value\":"u8);
            stream.Write(message.Value);
        }
        else
        {
            stream.Write(",\"valueBase64\":\""u8);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(message.Value)));
            stream.Write("\""u8);
        }

        stream.Write("}\n"u8);
    }

    /// <summary>Reads the messages of an event file in order, each value as the exact bytes of the message.</summary>
    public static async IAsyncEnumerable<GeneratedEvent> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            yield return Parse(line, number);
        }
    }

    /// <summary>Parses one line.</summary>
    public static GeneratedEvent Parse(string line, int lineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(line);
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var key = root.GetProperty("key").GetString()
            ?? throw new InvalidDataException($"Line {lineNumber}: the key is null.");
        if (root.TryGetProperty("value", out var value))
        {
            return new GeneratedEvent(key, Encoding.UTF8.GetBytes(value.GetRawText()));
        }

        if (root.TryGetProperty("valueBase64", out var encoded))
        {
            return new GeneratedEvent(key, Convert.FromBase64String(encoded.GetString() ?? string.Empty));
        }

        throw new InvalidDataException($"Line {lineNumber}: neither \"value\" nor \"valueBase64\".");
    }
}
