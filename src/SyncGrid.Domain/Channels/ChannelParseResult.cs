namespace SyncGrid.Domain.Channels;

/// <summary>
/// What one raw phone or e-mail field held: every value that parsed, and a problem for every part that did not,
/// so that nothing is silently dropped.
/// </summary>
public sealed record ChannelParseResult<T>(ValueList<T> Values, ValueList<Problem> Problems);
