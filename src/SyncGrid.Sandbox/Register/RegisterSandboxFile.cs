using System.Text.Encodings.Web;
using System.Text.Json;

namespace SyncGrid.Sandbox.Register;

/// <summary>
/// Reads and writes register files: <c>{"companies": [ {inn, kpp, ogrn, type, branchType, fullName, shortName, opfShort,
/// opfFull, status, address, registrationDate, liquidationDate, actualityDate}, … ]}</c>, camelCase, <c>//</c> comments
/// allowed. See <c>docs/register-sandbox.md</c>.
/// </summary>
public static class RegisterSandboxFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads a register file.</summary>
    public static async Task<IReadOnlyList<RegisterSandboxCompany>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        var document = await JsonSerializer.DeserializeAsync<RegisterDocument>(stream, Json, cancellationToken).ConfigureAwait(false);
        return document?.Companies ?? throw new InvalidDataException($"The register file {path} has no \"companies\" array.");
    }

    /// <summary>Writes a register file (the demo data generator's output).</summary>
    public static async Task WriteAsync(string path, IEnumerable<RegisterSandboxCompany> companies, CancellationToken cancellationToken = default)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, new RegisterDocument([.. companies]), Json, cancellationToken).ConfigureAwait(false);
    }

    private sealed record RegisterDocument(List<RegisterSandboxCompany>? Companies);
}
