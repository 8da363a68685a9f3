namespace SyncGrid.Domain.Bitrix24;

/// <summary>
/// The answer to a <c>batch</c>: the request's own outcome (when it is not Ok, no command result is known and every
/// command shares it) and, when the batch ran, each command's result by key. A command absent from both maps of
/// the answer (halted) is reported as <see cref="Bitrix24Outcome.Rejected"/> with code <c>NOT_RUN</c>.
/// </summary>
public sealed record Bitrix24BatchResult(Bitrix24Result Request, IReadOnlyDictionary<string, Bitrix24Result> Commands)
{
    /// <summary>The result of one command, or the request's when the batch did not run.</summary>
    public Bitrix24Result For(string key) =>
        Request.Outcome != Bitrix24Outcome.Ok ? Request
        : Commands.TryGetValue(key, out var result) ? result
        : new Bitrix24Result { Outcome = Bitrix24Outcome.Rejected, ErrorCode = "NOT_RUN", ErrorDescription = "The command did not run (the batch halted before it)." };
}
