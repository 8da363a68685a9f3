using System.Text.Json;

namespace SyncGrid.Domain.Bitrix24;

/// <summary>
/// The result of one command: its outcome, the raw JSON of <c>result</c> when it ran, the error when it refused,
/// list paging figures, and the operating time the portal reports for its method.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Bitrix24Result")]
public sealed record Bitrix24Result
{
    [Id(0)]
    public required Bitrix24Outcome Outcome { get; init; }

    /// <summary>The JSON text of <c>result</c> (Ok only).</summary>
    [Id(1)]
    public string? ResultJson { get; init; }

    /// <summary>The <c>error</c> code (may be empty: classic CRM errors have none).</summary>
    [Id(2)]
    public string? ErrorCode { get; init; }

    [Id(3)]
    public string? ErrorDescription { get; init; }

    /// <summary><c>total</c> of a list method.</summary>
    [Id(4)]
    public long? Total { get; init; }

    /// <summary><c>next</c> of a list method: the <c>start</c> of the next page, absent on the last page.</summary>
    [Id(5)]
    public long? Next { get; init; }

    /// <summary>Seconds the method has used of its operating budget, when the portal reports it.</summary>
    [Id(6)]
    public double? Operating { get; init; }

    /// <summary>When the oldest accounted minute of the method's budget expires, when reported.</summary>
    [Id(7)]
    public DateTimeOffset? OperatingResetAt { get; init; }

    /// <summary>Whether the error says the entity does not exist (classic CRM errors are classified by their text).</summary>
    public bool IsNotFound => Outcome == Bitrix24Outcome.Rejected
        && (string.Equals(ErrorCode, "NOT_FOUND", StringComparison.OrdinalIgnoreCase)
            || (ErrorDescription?.Contains("not found", StringComparison.OrdinalIgnoreCase) ?? false));

    /// <summary>The result as an entity id (the number an <c>*.add</c> returns, or a numeric string).</summary>
    public long? AsId()
    {
        if (Outcome != Bitrix24Outcome.Ok || ResultJson is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(ResultJson);
        return Bitrix24Json.ReadId(json.RootElement);
    }

    /// <summary>The result parsed, for reading rows and objects.</summary>
    public JsonDocument? Parse() => ResultJson is null ? null : JsonDocument.Parse(ResultJson);

    /// <inheritdoc />
    public override string ToString() => Outcome == Bitrix24Outcome.Ok ? "ok" : $"{Outcome}: {ErrorCode} {ErrorDescription}";
}
