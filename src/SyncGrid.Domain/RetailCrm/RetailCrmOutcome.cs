namespace SyncGrid.Domain.RetailCrm;

/// <summary>How a RetailCRM call ended, as far as the caller can know.</summary>
[GenerateSerializer, Alias("SyncGrid.RetailCrmOutcome")]
public enum RetailCrmOutcome
{
    /// <summary>The method ran (200/201, <c>success:true</c>).</summary>
    Ok = 0,

    /// <summary>The entity does not exist (404 <c>Not found</c>).</summary>
    NotFound = 1,

    /// <summary>The method refused the request (400 and friends): fix the data, never retry as is.</summary>
    Rejected = 2,

    /// <summary>The account's rate limit (503, or 429 from a proxy): nothing ran, try again after a pause.</summary>
    RateLimited = 3,

    /// <summary>
    /// A 5xx, a dropped connection, a timeout or an answer that is not the expected JSON: a write may or may not have
    /// happened. Reads are retried; an idempotent edit may be sent again.
    /// </summary>
    Unavailable = 4,

    /// <summary>Wrong key, missing permission or wrong account URL: stop and alert, retrying cannot help.</summary>
    Fatal = 5,
}
