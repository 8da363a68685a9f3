namespace SyncGrid.Abstractions;

/// <summary>What a Bitrix24 gateway has done since it was activated.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Bitrix24GatewayStats")]
public sealed record Bitrix24GatewayStats
{
    [Id(0)]
    public long Requests { get; init; }

    [Id(1)]
    public long Commands { get; init; }

    /// <summary>Requests the portal refused with QUERY_LIMIT_EXCEEDED.</summary>
    [Id(2)]
    public long RateLimitErrors { get; init; }

    /// <summary>Commands the portal refused with OPERATION_TIME_LIMIT.</summary>
    [Id(3)]
    public long OperatingLimitErrors { get; init; }

    /// <summary>Requests whose answer was lost (their writes' outcome is unknown).</summary>
    [Id(4)]
    public long LostAnswers { get; init; }

    /// <summary>Commands waiting now.</summary>
    [Id(5)]
    public int QueueDepth { get; init; }

    /// <summary>Requests per second since the first request.</summary>
    [Id(6)]
    public double RequestsPerSecond { get; init; }

    /// <summary>Commands per second since the first request.</summary>
    [Id(7)]
    public double CommandsPerSecond { get; init; }

    /// <summary>Methods currently held back by their operating-time limit.</summary>
    [Id(8)]
    public int BlockedMethods { get; init; }
}
