namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>How the answer is lost after a write has been committed.</summary>
public enum Bitrix24CommitFailure
{
    /// <summary>Answer 500 <c>INTERNAL_SERVER_ERROR</c>.</summary>
    Status500,

    /// <summary>Abort the connection without an answer.</summary>
    Drop,

    /// <summary>Hold the answer for the request timeout, then send an HTML 504 page.</summary>
    Timeout,
}
