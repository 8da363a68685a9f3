namespace SyncGrid.Domain.Bitrix24;

/// <summary>How a Bitrix24 call ended, as far as the caller can know.</summary>
[GenerateSerializer, Alias("SyncGrid.Bitrix24Outcome")]
public enum Bitrix24Outcome
{
    /// <summary>The method ran and returned a result.</summary>
    Ok = 0,

    /// <summary>The method ran and refused (validation, not found, …): nothing to retry.</summary>
    Rejected = 1,

    /// <summary>Nothing ran: the portal's request-rate limit (503 QUERY_LIMIT_EXCEEDED). Retry after a pause.</summary>
    RateLimited = 2,

    /// <summary>Nothing ran: the method is blocked by its operating-time limit (429 OPERATION_TIME_LIMIT).</summary>
    OperatingLimited = 3,

    /// <summary>
    /// The answer was lost (timeout, 5xx, a non-JSON page, a dropped connection): a write may or may not have
    /// happened. Look the entity up before writing again.
    /// </summary>
    Unknown = 4,

    /// <summary>Authorization or configuration is wrong (bad webhook, missing scope, REST blocked): stop and alert.</summary>
    Fatal = 5,
}
