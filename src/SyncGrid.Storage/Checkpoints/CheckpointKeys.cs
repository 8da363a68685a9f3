using System.Text.RegularExpressions;
using SyncGrid.Sources.Import;

namespace SyncGrid.Storage.Checkpoints;

/// <summary>The shape every checkpoint store accepts for a source and an identity (file names and SQL key columns).</summary>
internal static partial class CheckpointKeys
{
    public static void Check(string source, string identity)
    {
        CheckSource(source);
        if (!Key().IsMatch(identity ?? string.Empty))
        {
            throw new ArgumentException($"A checkpoint identity is 1 to 128 characters of A-Z, a-z, 0-9, '.', '_' and '-'; got '{identity}'.", nameof(identity));
        }
    }

    public static void CheckSource(string source)
    {
        if (!Key().IsMatch(source ?? string.Empty) || source!.Length > 64)
        {
            throw new ArgumentException($"A checkpoint source is 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'; got '{source}'.", nameof(source));
        }
    }

    /// <summary>Checks a listing: a valid source and a limit of 1 or more.</summary>
    public static void CheckList(string source, int limit)
    {
        CheckSource(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
    }

    /// <summary>Newest first: by the time the checkpoint last moved, then by identity.</summary>
    public static IEnumerable<SourceCheckpoint> NewestFirst(IEnumerable<SourceCheckpoint> checkpoints, int limit) =>
        checkpoints.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Identity, StringComparer.Ordinal).Take(limit);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex Key();
}
