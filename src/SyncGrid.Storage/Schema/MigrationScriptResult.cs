namespace SyncGrid.Storage.Schema;

/// <summary>The outcome of one schema script in a <see cref="MigrationReport"/>.</summary>
/// <param name="Script">The script's file name, for example <c>001_orleans_clustering.sql</c>.</param>
/// <param name="Checksum">SHA-256 of the script text (line endings normalised to LF), lower-case hex.</param>
/// <param name="Outcome">Whether the script was applied, applied again, or skipped.</param>
/// <param name="Statements">How many statements the script holds (sent only when not skipped).</param>
/// <param name="Duration">How long applying it took; zero when skipped.</param>
public sealed record MigrationScriptResult(string Script, string Checksum, MigrationOutcome Outcome, int Statements, TimeSpan Duration);
