namespace SyncGrid.Sources.StoreA;

/// <summary>The stable reason codes of store A rows refused at ingest (beyond the normaliser's own codes).</summary>
public static class StoreARejectCodes
{
    /// <summary>The record is not a store A envelope: not JSON, wrong shape, bad base64, or a key that is not its row's.</summary>
    public const string EnvelopeMalformed = "envelope.malformed";

    /// <summary>The envelope's version <c>v</c> is one this build does not know.</summary>
    public const string EnvelopeVersion = "envelope.version";

    /// <summary>A latin1 column's bytes are neither UTF-8 nor windows-1251 text (control characters, undefined bytes); the value is dropped.</summary>
    public const string TextEncoding = "text.encoding";

    /// <summary>A contact whose company is missing, deleted, or has no valid TIN: it cannot be routed to a company.</summary>
    public const string ContactNoCompany = "contact.no-company";
}
