namespace SyncGrid.Domain.RetailCrm;

/// <summary>The answer to one RetailCRM call: its outcome, the value when Ok, and the refusal otherwise.</summary>
/// <typeparam name="T">The value of a successful call.</typeparam>
public sealed record RetailCrmResult<T>
{
    /// <summary>How the call ended.</summary>
    public required RetailCrmOutcome Outcome { get; init; }

    /// <summary>The value (Ok only).</summary>
    public T? Value { get; init; }

    /// <summary>The HTTP status (0 when no answer arrived).</summary>
    public int Status { get; init; }

    /// <summary><c>errorMsg</c>, or what went wrong in transit.</summary>
    public string? Error { get; init; }

    /// <summary><c>errors</c> by field path (a list form is keyed by position).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the call succeeded.</summary>
    public bool IsOk => Outcome == RetailCrmOutcome.Ok;

    /// <summary>The same failure for another value type.</summary>
    public RetailCrmResult<TOther> As<TOther>() => new() { Outcome = Outcome, Status = Status, Error = Error, Fields = Fields };

    /// <inheritdoc />
    public override string ToString() => IsOk ? "ok" : $"{Outcome} ({Status}): {Error}{(Fields.Count > 0 ? " " + string.Join("; ", Fields.Select(f => $"{f.Key}: {f.Value}")) : string.Empty)}";
}
