using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;

namespace SyncGrid.Sources;

/// <summary>
/// Streams the partners of a store B full export (<c>{ "exportedAt": ..., "source": "sapcrm", "partners": [ ... ] }</c>),
/// optionally gzip-compressed and/or windows-1251 encoded. The file is never loaded whole: a pooled buffer is refilled
/// from the stream and holds at most the partner being read, so memory stays flat whatever the file size.
/// </summary>
/// <remarks>
/// Every partner gets the file's <c>exportedAt</c> as its source time when it comes before the <c>partners</c> array,
/// else the fallback time the caller passes. A malformed partner is yielded as a <see cref="Rejected"/> and reading
/// goes on; a structurally broken or truncated file ends with one <see cref="Rejected"/>.
/// </remarks>
public sealed class StoreBExportReader(StoreBExportOptions options)
{
    private readonly StoreBExportOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Creates a reader with the default options (UTF-8, from the first partner).</summary>
    public StoreBExportReader()
        : this(new StoreBExportOptions())
    {
    }

    /// <summary>Reads an export file; gzip is recognised by the <c>.gz</c> extension or by its magic bytes.</summary>
    /// <param name="path">The file.</param>
    /// <param name="fallbackTime">The source time when the file has no usable <c>exportedAt</c> before its partners (for example the file's own time).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public async IAsyncEnumerable<StoreBExportItem> ReadFileAsync(string path, DateTimeOffset fallbackTime, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            var gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            await foreach (var item in ReadAsync(file, fallbackTime, gzip, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    /// <summary>Reads an export from a stream; gzip is recognised by its magic bytes when the stream can seek.</summary>
    /// <param name="stream">The export's bytes, as stored (compressed and encoded as the file is). It is not disposed.</param>
    /// <param name="fallbackTime">The source time when the export has no usable <c>exportedAt</c> before its partners.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public IAsyncEnumerable<StoreBExportItem> ReadAsync(Stream stream, DateTimeOffset fallbackTime, CancellationToken cancellationToken = default) =>
        ReadAsync(stream, fallbackTime, gzip: false, cancellationToken);

    private async IAsyncEnumerable<StoreBExportItem> ReadAsync(Stream stream, DateTimeOffset fallbackTime, bool gzip, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        gzip = gzip || await StartsWithGzipMagicAsync(stream, cancellationToken).ConfigureAwait(false);
        var decoded = gzip ? new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true) : stream;
        var transcoded = _options.Encoding.CodePage != Encoding.UTF8.CodePage;
        if (transcoded)
        {
            decoded = Encoding.CreateTranscodingStream(decoded, _options.Encoding, Encoding.UTF8, leaveOpen: !gzip);
        }

        // Only a plain UTF-8 seekable stream has offsets that are file offsets; anything else scans up to the resume point.
        var jump = _options.ResumeAt is { } resume && !gzip && !transcoded && stream.CanSeek ? resume : null;
        await using (decoded == stream ? null : decoded)
        {
            await foreach (var item in ScanAsync(decoded, fallbackTime, jump, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    private async IAsyncEnumerable<StoreBExportItem> ScanAsync(Stream stream, DateTimeOffset fallbackTime, StoreBExportResumePoint? jump, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var scanner = new StoreBExportScanner(fallbackTime, _options.ResumeAt?.Index ?? _options.StartAfter, _options.SourceName, pauseAtPartners: jump is not null);
        var origin = jump is null ? 0 : stream.Position;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(_options.BufferSize, 16));
        var start = 0;
        var end = 0;
        long bufferOffset = 0;
        var isFinal = false;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var step = scanner.Next(buffer.AsSpan(start, end - start), isFinal, bufferOffset + start, out var consumed, out var item);
                start += consumed;
                if (step == ScanStep.Item)
                {
                    yield return item!;
                    continue;
                }

                if (step == ScanStep.Done)
                {
                    yield break;
                }

                if (step == ScanStep.PartnersOpened)
                {
                    if (jump is { } target && target.ByteOffset > bufferOffset + start)
                    {
                        if (target.ByteOffset < bufferOffset + end)
                        {
                            // Already buffered: skip to it in place.
                            var at = (int)(target.ByteOffset - bufferOffset);
                            if (IsValueStart(buffer[at]))
                            {
                                start = at;
                                scanner.JumpTo(target.Index);
                            }
                        }
                        else if (await IsValueStartAsync(stream, origin + target.ByteOffset, origin + bufferOffset + end, cancellationToken).ConfigureAwait(false))
                        {
                            stream.Position = origin + target.ByteOffset;
                            bufferOffset = target.ByteOffset;
                            start = end = 0;
                            isFinal = false;
                            scanner.JumpTo(target.Index);
                        }
                    }

                    continue;
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    bufferOffset += start;
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    if (buffer.Length >= _options.MaxPartnerBytes)
                    {
                        var stop = scanner.Stop(SapRejectCodes.JsonShape,
                            string.Create(CultureInfo.InvariantCulture, $"A single JSON value is larger than {_options.MaxPartnerBytes} bytes (MaxPartnerBytes); reading stops."),
                            bufferOffset,
                            buffer.AsSpan(0, end));
                        yield return stop;
                        yield break;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, _options.MaxPartnerBytes));
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var before = end;
                end += await FillAsync(stream, buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                isFinal = end < buffer.Length;
                if (bufferOffset == 0 && before == 0 && buffer.AsSpan(0, end).StartsWith(Utf8Bom))
                {
                    start = Utf8Bom.Length;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Whether the byte at <paramref name="position"/> can start a JSON value, so a jump there lands on a partner; the
    /// stream is left at <paramref name="resumePosition"/> (where the scan stopped reading) when it cannot.
    /// </summary>
    private static async ValueTask<bool> IsValueStartAsync(Stream stream, long position, long resumePosition, CancellationToken cancellationToken)
    {
        if (position >= stream.Length)
        {
            return false;
        }

        stream.Position = position;
        var first = new byte[1];
        var read = await FillAsync(stream, first, cancellationToken).ConfigureAwait(false);
        var valueStart = read == 1 && IsValueStart(first[0]);
        stream.Position = valueStart ? position : resumePosition;
        return valueStart;
    }

    private static bool IsValueStart(byte first) =>
        first is (byte)'{' or (byte)'[' or (byte)'"' or (byte)'-' or (byte)'t' or (byte)'f' or (byte)'n' or (>= (byte)'0' and <= (byte)'9');

    /// <summary>Reads until the memory is full or the stream ends, so each scan sees as much as the buffer holds.</summary>
    private static async ValueTask<int> FillAsync(Stream stream, Memory<byte> memory, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < memory.Length)
        {
            var read = await stream.ReadAsync(memory[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static async ValueTask<bool> StartsWithGzipMagicAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (!stream.CanSeek)
        {
            return false;
        }

        var origin = stream.Position;
        var magic = new byte[2];
        var read = await FillAsync(stream, magic, cancellationToken).ConfigureAwait(false);
        stream.Position = origin;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }
}
