namespace SyncGrid.Sources;

/// <summary>The stable reason codes of a <see cref="Rejected"/> store B input.</summary>
public static class SapRejectCodes
{
    /// <summary>The input is not JSON, or the JSON is broken or truncated.</summary>
    public const string JsonMalformed = "json.malformed";

    /// <summary>Valid JSON of the wrong shape: not an object, or the partner is not an object.</summary>
    public const string JsonShape = "json.shape";

    /// <summary><c>eventType</c> is missing or is neither <c>PartnerChanged</c> nor <c>PartnerDeleted</c>.</summary>
    public const string EventType = "event.type";

    /// <summary>The partner has no usable <c>partnerId</c>.</summary>
    public const string PartnerIdMissing = "partner.id-missing";

    /// <summary><c>occurredAt</c> is missing or is not an ISO 8601 time.</summary>
    public const string EventTime = "event.time";
}
