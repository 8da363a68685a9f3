namespace SyncGrid.Abstractions;

/// <summary>Where a company stands on its way to Bitrix24.</summary>
[GenerateSerializer, Alias("SyncGrid.CompanySyncStatus")]
public enum CompanySyncStatus
{
    /// <summary>Source records arrived; nothing has been checked yet.</summary>
    Received = 0,

    /// <summary>Waiting for the state register's verdict (or for the register to come back).</summary>
    ValidationPending = 1,

    /// <summary>Will not be synced; the reason says why (for example <c>register.not-found</c>).</summary>
    Rejected = 2,

    /// <summary>The register knows the company but it is not active (liquidated, bankrupt, …).</summary>
    Inactive = 3,

    /// <summary>Validated; a Bitrix24 write is due.</summary>
    SyncPending = 4,

    /// <summary>Bitrix24 holds the current merged company.</summary>
    Synced = 5,

    /// <summary>The last Bitrix24 write failed; it is retried.</summary>
    Failed = 6,

    /// <summary>Every source withdrew the company (all its source records are deleted).</summary>
    Withdrawn = 7,
}
