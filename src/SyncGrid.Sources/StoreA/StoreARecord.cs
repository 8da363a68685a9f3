namespace SyncGrid.Sources.StoreA;

/// <summary>One record for the ingest topic: key <c>companies/&lt;id&gt;</c> or <c>contacts/&lt;id&gt;</c>, value a <see cref="StoreAEnvelope"/> as JSON.</summary>
public sealed record StoreARecord(string Key, byte[] Value)
{
    /// <summary>The record of an envelope.</summary>
    public static StoreARecord Of(StoreAEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return new StoreARecord(envelope.Key, envelope.ToJson());
    }
}
