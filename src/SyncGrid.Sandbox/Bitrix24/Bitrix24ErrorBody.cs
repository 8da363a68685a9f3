namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>What an injected 5xx looks like on the wire.</summary>
public enum Bitrix24ErrorBody
{
    /// <summary>500 <c>{"error":"INTERNAL_SERVER_ERROR"}</c>.</summary>
    JsonInternalServerError,

    /// <summary>500 <c>{"error":"ERROR_UNEXPECTED_ANSWER"}</c>.</summary>
    JsonUnexpectedAnswer,

    /// <summary>A proxy's HTML 502 Bad Gateway page.</summary>
    Html502,

    /// <summary>A proxy's HTML 504 Gateway Timeout page.</summary>
    Html504,
}
