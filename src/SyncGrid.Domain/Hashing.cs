using System.Security.Cryptography;
using System.Text;

namespace SyncGrid.Domain;

/// <summary>Stable hashes, the same in every process.</summary>
internal static class Hashing
{
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
