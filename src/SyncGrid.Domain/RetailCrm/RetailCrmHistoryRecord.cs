namespace SyncGrid.Domain.RetailCrm;

/// <summary>
/// One order history record (§3.3): which order, which field, who changed it. <see cref="OldValue"/> and
/// <see cref="NewValue"/> are the reference code (<c>{"code": …}</c>), the id (<c>{"id": …}</c>) or the scalar as text.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.RetailCrmHistoryRecord")]
public sealed record RetailCrmHistoryRecord
{
    [Id(0)]
    public required long Id { get; init; }

    [Id(1)]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The record of the order's creation.</summary>
    [Id(2)]
    public bool Created { get; init; }

    /// <summary>The record of the order's deletion.</summary>
    [Id(3)]
    public bool Deleted { get; init; }

    /// <summary><c>api</c>, <c>user</c>, <c>code</c> or another value.</summary>
    [Id(4)]
    public string Source { get; init; } = string.Empty;

    /// <summary>The user behind a <c>user</c> change.</summary>
    [Id(5)]
    public int? UserId { get; init; }

    /// <summary><c>apiKey.current</c>: true when the reading key made the change (SyncGrid's own write).</summary>
    [Id(6)]
    public bool ApiKeyCurrent { get; init; }

    [Id(7)]
    public string Field { get; init; } = string.Empty;

    [Id(8)]
    public string? OldValue { get; init; }

    [Id(9)]
    public string? NewValue { get; init; }

    [Id(10)]
    public long OrderId { get; init; }

    [Id(11)]
    public string? OrderExternalId { get; init; }

    [Id(12)]
    public string? OrderSite { get; init; }

    /// <summary>The order's status after the save this record belongs to.</summary>
    [Id(13)]
    public string? OrderStatus { get; init; }

    /// <summary>Whether SyncGrid's own key made this change (<c>source=api</c> and <c>apiKey.current=true</c>).</summary>
    public bool IsOwnWrite => Source == "api" && ApiKeyCurrent;
}

/// <summary>A page of the order history: records in ascending id order and the pagination figures.</summary>
public sealed record RetailCrmHistoryPage(IReadOnlyList<RetailCrmHistoryRecord> Records, long TotalCount, int TotalPageCount);

/// <summary>One status of the account's dictionary (§4.1).</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.RetailCrmStatus")]
public sealed record RetailCrmStatus(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] bool Active,
    [property: Id(3)] string Group);

/// <summary>What <c>/api/credentials</c> says about the key.</summary>
public sealed record RetailCrmCredentials(IReadOnlyList<string> Scopes, string SiteAccess, IReadOnlyList<string> Sites);

/// <summary>A partial order edit SyncGrid makes: only the fields set are sent (never <c>items</c>).</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.RetailCrmOrderEdit")]
public sealed record RetailCrmOrderEdit
{
    [Id(0)]
    public string? Status { get; init; }

    [Id(1)]
    public string? StatusComment { get; init; }

    /// <summary>A new manager comment; <c>""</c> clears it, <see langword="null"/> leaves it.</summary>
    [Id(2)]
    public string? ManagerComment { get; init; }
}
