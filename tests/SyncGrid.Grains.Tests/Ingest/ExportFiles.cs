using System.IO.Compression;
using System.Text;

namespace SyncGrid.Grains.Tests.Ingest;

/// <summary>Writes store B export files for the importer tests: partners with contacts, and whatever else a test puts in.</summary>
internal static class ExportFiles
{
    public const string ExportedAt = "2026-09-30T23:00:00Z";

    /// <summary>A valid partner with two contacts.</summary>
    public static string Partner(string partnerId, string tin, string name = "ООО \"Ромашка\"") =>
        $$"""{"partnerId":"{{partnerId}}","category":"ORGANIZATION","name":"{{name.Replace("\"", "\\\"", StringComparison.Ordinal)}} {{partnerId}}","taxNumbers":{"inn":"{{tin}}","kpp":"{{tin[..4]}}01001"},"phones":[{"number":"8 (495) 500-55-50","type":"WORK"}],"emails":["info@{{partnerId}}.example.ru"],"contacts":[{"contactId":"C1","lastName":"Иванов","firstName":"Иван","emails":["ivanov@{{partnerId}}.example.ru"]},{"contactId":"C2","lastName":"Петрова","firstName":"Анна","phones":["+7 916 123-45-67"]}]}""";

    /// <summary>Writes <paramref name="partners"/> as an export; gzip when the path ends in .gz, in <paramref name="encoding"/> (default UTF-8).</summary>
    public static async Task<string> WriteAsync(string path, IEnumerable<string> partners, Encoding? encoding = null)
    {
        var json = "{\"exportedAt\":\"" + ExportedAt + "\",\"source\":\"sapcrm\",\"partners\":[\n" + string.Join(",\n", partners) + "\n]}";
        var bytes = (encoding ?? new UTF8Encoding(false)).GetBytes(json);
        await using var file = File.Create(path);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            await gzip.WriteAsync(bytes);
        }
        else
        {
            await file.WriteAsync(bytes);
        }

        return path;
    }
}
