namespace SyncGrid.Grains.Bitrix24;

/// <summary>How one push of a company to Bitrix24 ended.</summary>
internal enum Bitrix24PushOutcome
{
    /// <summary>Bitrix24 holds the image.</summary>
    Synced,

    /// <summary>Something transient (limits, a lost answer, an outage): try again later.</summary>
    Retry,

    /// <summary>The portal refused the data or the webhook: retrying the same data will not help.</summary>
    Failed,
}
