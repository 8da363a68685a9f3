using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SyncGrid.Sources.Import;

/// <summary>
/// Identifies an export file across restarts without reading it whole: SHA-256 over its name, its size and its first
/// and last mebibyte. A copy or a move keeps the identity (the directory is not part of it); a file that grows, is cut
/// or rewritten at either end gets a new one, so its import starts again instead of resuming at a wrong position.
/// </summary>
/// <param name="Name">The file name without its directory.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="Id">The identity: 64 lower-case hex digits.</param>
public sealed record ExportFileIdentity(string Name, long Size, string Id)
{
    /// <summary>How many bytes of each end are hashed.</summary>
    public const int SampleBytes = 1 << 20;

    /// <summary>Computes the identity of the file at <paramref name="path"/>.</summary>
    public static async Task<ExportFileIdentity> ComputeAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var name = Path.GetFileName(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            var size = file.Length;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            var header = new byte[9];
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(1), size);
            hash.AppendData(header);
            var head = (int)Math.Min(size, SampleBytes);
            var buffer = new byte[SampleBytes];
            await ReadAtAsync(file, 0, buffer.AsMemory(0, head), cancellationToken).ConfigureAwait(false);
            hash.AppendData(buffer, 0, head);
            var tail = (int)Math.Min(size - head, SampleBytes);
            await ReadAtAsync(file, size - tail, buffer.AsMemory(0, tail), cancellationToken).ConfigureAwait(false);
            hash.AppendData(buffer, 0, tail);
            return new ExportFileIdentity(name, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
    }

    private static async Task ReadAtAsync(FileStream file, long position, Memory<byte> memory, CancellationToken cancellationToken)
    {
        file.Position = position;
        await file.ReadExactlyAsync(memory, cancellationToken).ConfigureAwait(false);
    }
}
