namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>
/// The cheap part of <see cref="Bitrix24SandboxInspection"/>: entity counts and request counters without the duplicate
/// scans, so progress can be polled every second on a portal of hundreds of thousands of entities.
/// </summary>
public sealed record Bitrix24SandboxCounts
{
    /// <summary>Entities by type, as <see cref="Bitrix24SandboxInspection.EntityCounts"/>.</summary>
    public required IReadOnlyDictionary<string, int> EntityCounts { get; init; }

    /// <summary>HTTP requests by lower-case method name (batch counted once, as <c>batch</c>).</summary>
    public required IReadOnlyDictionary<string, long> RequestsByMethod { get; init; }

    /// <summary>Commands run inside batches, by method.</summary>
    public required IReadOnlyDictionary<string, long> BatchCommandsByMethod { get; init; }

    /// <summary>Requests refused with <c>QUERY_LIMIT_EXCEEDED</c>.</summary>
    public required long QueryLimitErrors { get; init; }

    /// <summary>Calls refused with <c>OPERATION_TIME_LIMIT</c>.</summary>
    public required long OperatingLimitErrors { get; init; }

    /// <summary>Methods the portal ran: every request other than <c>batch</c>, plus every command inside a batch.</summary>
    public long Commands => CommandsByMethod().Values.Sum();

    /// <summary>Methods the portal ran, by method: requests other than <c>batch</c> and the commands inside batches together.</summary>
    public IReadOnlyDictionary<string, long> CommandsByMethod()
    {
        var methods = new Dictionary<string, long>(BatchCommandsByMethod, StringComparer.Ordinal);
        foreach (var (method, count) in RequestsByMethod.Where(r => r.Key != "batch"))
        {
            methods[method] = methods.GetValueOrDefault(method) + count;
        }

        return methods;
    }
}
