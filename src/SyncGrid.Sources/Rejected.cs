namespace SyncGrid.Sources;

/// <summary>
/// Input that could not be turned into a partner record. It is kept (with its position) for the rejects store,
/// never dropped, and never blocks the input that follows it.
/// </summary>
/// <param name="Code">A stable reason code from <see cref="SapRejectCodes"/>.</param>
/// <param name="Message">A sentence a person can act on.</param>
/// <param name="Position">Where the input came from.</param>
public sealed record Rejected(string Code, string Message, string Position) : SapEventResult(Position)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code} at {Position}: {Message}";
}
