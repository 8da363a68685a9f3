namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>A snapshot of a sandbox portal for assertions and reports.</summary>
public sealed record Bitrix24SandboxInspection
{
    /// <summary>Entities by type: company, contact, deal, requisite, bankdetail, preset, binding, notification.</summary>
    public required IReadOnlyDictionary<string, int> EntityCounts { get; init; }

    public required IReadOnlyList<Bitrix24OriginDuplicate> OriginDuplicates { get; init; }

    public required IReadOnlyList<Bitrix24MultiFieldDuplicate> MultiFieldDuplicates { get; init; }

    /// <summary>HTTP requests by lower-case method name (batch counted once, as <c>batch</c>).</summary>
    public required IReadOnlyDictionary<string, long> RequestsByMethod { get; init; }

    /// <summary>Commands run inside batches, by method.</summary>
    public required IReadOnlyDictionary<string, long> BatchCommandsByMethod { get; init; }

    /// <summary>HTTP requests by status code (0 = connection dropped).</summary>
    public required IReadOnlyDictionary<int, long> RequestsByStatus { get; init; }

    public required long QueryLimitErrors { get; init; }

    public required long OperatingLimitErrors { get; init; }

    /// <summary>Current leaky-bucket level per client address.</summary>
    public required IReadOnlyDictionary<string, double> BucketLevels { get; init; }

    /// <summary>Recorded <c>im.notify.*</c> messages, oldest first.</summary>
    public required IReadOnlyList<string> Notifications { get; init; }
}
