using System.Security.Cryptography;
using System.Text;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Domain.Records;

namespace SyncGrid.Storage.Rejects;

/// <summary>The identity of a reject: the same key again is the same row.</summary>
internal readonly record struct RejectKey(SourceStore Store, string SourceId, string Field, string ReasonCode, string? RawValue)
{
    public static RejectKey Of(RejectEntry entry) => new(entry.Store, entry.SourceId, entry.Field, entry.ReasonCode, entry.RawValue);

    /// <summary>SHA-256 of the raw value behind a marker byte, so that an absent value differs from an empty one.</summary>
    public static byte[] HashRaw(string? raw)
    {
        if (raw is null)
        {
            return SHA256.HashData([0]);
        }

        var bytes = new byte[Encoding.UTF8.GetByteCount(raw) + 1];
        bytes[0] = 1;
        Encoding.UTF8.GetBytes(raw, bytes.AsSpan(1));
        return SHA256.HashData(bytes);
    }

    /// <summary>Entries of one batch folded per key: the last entry of each key (its position and message) and how many there were.</summary>
    public static List<(RejectEntry Entry, long Count)> Fold(IReadOnlyList<RejectEntry> entries)
    {
        var folded = new Dictionary<RejectKey, (RejectEntry Entry, long Count)>();
        foreach (var entry in entries)
        {
            var key = Of(entry);
            folded[key] = (entry, folded.TryGetValue(key, out var seen) ? seen.Count + 1 : 1);
        }

        return [.. folded.Values];
    }
}
