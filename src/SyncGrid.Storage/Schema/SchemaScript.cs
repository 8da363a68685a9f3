using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SyncGrid.Storage.Schema;

/// <summary>
/// A schema script: a <c>deploy/sql/NNN_name.sql</c> file embedded in this assembly, split into statements.
/// </summary>
/// <remarks>
/// Splitting convention: a line holding only <c>-- go</c> (any case, surrounding blanks ignored) ends a statement.
/// Each part is sent as one statement, so a procedure body keeps its semicolons and no client-side
/// <c>DELIMITER</c> is needed. A part whose lines are all blank or <c>--</c> comments is not sent.
/// </remarks>
public sealed partial class SchemaScript
{
    /// <summary>The manifest-resource prefix under which the project embeds <c>deploy/sql/*.sql</c>.</summary>
    private const string ResourcePrefix = "SyncGrid.Storage.Sql.";

    private SchemaScript(string name, string text, string checksum, IReadOnlyList<SchemaStatement> statements)
    {
        Name = name;
        Text = text;
        Checksum = checksum;
        Statements = statements;
    }

    /// <summary>The file name, for example <c>001_orleans_clustering.sql</c>; scripts run in ordinal name order.</summary>
    public string Name { get; }

    /// <summary>The script text with line endings normalised to LF.</summary>
    public string Text { get; }

    /// <summary>SHA-256 of <see cref="Text"/> as UTF-8, lower-case hex.</summary>
    public string Checksum { get; }

    /// <summary>The statements in file order.</summary>
    public IReadOnlyList<SchemaStatement> Statements { get; }

    /// <summary>Parses a script's text; line endings are normalised first, so CRLF checkouts have the same checksum.</summary>
    public static SchemaScript Parse(string name, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
        return new SchemaScript(name, normalized, checksum, Split(normalized));
    }

    /// <summary>Every script embedded in this assembly, ordered by file name (ordinal).</summary>
    public static IReadOnlyList<SchemaScript> LoadEmbedded()
    {
        var assembly = typeof(SchemaScript).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            .Select(r => Parse(r[ResourcePrefix.Length..], ReadResource(assembly, r)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded schema script '{resource}' is listed but cannot be opened.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static List<SchemaStatement> Split(string text)
    {
        var statements = new List<SchemaStatement>();
        var lines = text.Split('\n');
        var current = new StringBuilder();
        var startLine = 1;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i == lines.Length || Separator().IsMatch(lines[i]))
            {
                AddIfStatement(statements, current.ToString(), startLine);
                current.Clear();
                startLine = i + 2;
                continue;
            }

            current.Append(lines[i]).Append('\n');
        }

        return statements;
    }

    private static void AddIfStatement(List<SchemaStatement> statements, string part, int startLine)
    {
        var lines = part.Split('\n');
        var first = Array.FindIndex(lines, l => !IsBlankOrComment(l));
        if (first < 0)
        {
            return;
        }

        // The statement starts at its first line that is neither blank nor a comment, which is what an error
        // message should point at; the comments above it are still sent, as the server ignores them.
        statements.Add(new SchemaStatement(statements.Count + 1, startLine + first, part.Trim()));
    }

    private static bool IsBlankOrComment(string line)
    {
        var trimmed = line.AsSpan().Trim();
        return trimmed.IsEmpty || trimmed.StartsWith("--", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*--\s*go\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Separator();
}
