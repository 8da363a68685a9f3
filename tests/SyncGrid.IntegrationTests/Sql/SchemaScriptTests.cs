using SyncGrid.Storage.Schema;

namespace SyncGrid.IntegrationTests.Sql;

/// <summary>Splitting and loading of schema scripts; no database needed.</summary>
public sealed class SchemaScriptTests
{
    [Fact]
    public void Parse_GoSeparatorLines_SplitsStatementsAndKeepsProcedureSemicolons()
    {
        var script = SchemaScript.Parse("900_test.sql", """
            -- header comment
            CREATE TABLE t (id INT)
            -- go

            CREATE OR REPLACE PROCEDURE p()
            BEGIN
                SELECT 1;
                SELECT 2;
            END
              -- GO  
            -- only a comment
            -- go
            INSERT INTO t VALUES (1)
            """);

        Assert.Equal(3, script.Statements.Count);
        Assert.Equal([2, 5, 13], script.Statements.Select(s => s.Line));
        Assert.Contains("SELECT 1;\n    SELECT 2;", script.Statements[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(script.Statements, s => s.Text.Contains("-- go", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Parse_CrlfAndLfText_HaveTheSameChecksum()
    {
        var lf = SchemaScript.Parse("a.sql", "SELECT 1\n-- go\nSELECT 2\n");
        var crlf = SchemaScript.Parse("a.sql", "SELECT 1\r\n-- go\r\nSELECT 2\r\n");
        var changed = SchemaScript.Parse("a.sql", "SELECT 1\n-- go\nSELECT 3\n");

        Assert.Equal(lf.Checksum, crlf.Checksum);
        Assert.NotEqual(lf.Checksum, changed.Checksum);
        Assert.Matches("^[0-9a-f]{64}$", lf.Checksum);
    }

    [Fact]
    public void LoadEmbedded_Scripts_AreInOrdinalNameOrderStartingWithTheOrleansScripts()
    {
        var names = SchemaScript.LoadEmbedded().Select(s => s.Name).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(["001_orleans_clustering.sql", "002_orleans_persistence.sql", "003_orleans_reminders.sql"], names.Take(3));
        Assert.All(SchemaScript.LoadEmbedded(), s => Assert.NotEmpty(s.Statements));
    }
}
