using System.Text.RegularExpressions;

namespace SyncGrid.Storage.Checkpoints;

/// <summary>The shape every checkpoint store accepts for a source and an identity (file names and SQL key columns).</summary>
internal static partial class CheckpointKeys
{
    public static void Check(string source, string identity)
    {
        if (!Key().IsMatch(source ?? string.Empty) || source!.Length > 64)
        {
            throw new ArgumentException($"A checkpoint source is 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'; got '{source}'.", nameof(source));
        }

        if (!Key().IsMatch(identity ?? string.Empty))
        {
            throw new ArgumentException($"A checkpoint identity is 1 to 128 characters of A-Z, a-z, 0-9, '.', '_' and '-'; got '{identity}'.", nameof(identity));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex Key();
}
