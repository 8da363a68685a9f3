namespace SyncGrid.Storage.Schema;

/// <summary>One statement of a schema script, as sent to the server.</summary>
/// <param name="Number">1-based position among the script's statements.</param>
/// <param name="Line">1-based line of the script the statement's text starts on.</param>
/// <param name="Text">The statement text, without the separator line.</param>
public sealed record SchemaStatement(int Number, int Line, string Text);
