namespace SyncGrid.Sandbox.RetailCrm;

/// <summary>What a generated period holds.</summary>
public sealed class RetailCrmShopReport
{
    /// <summary>Orders placed.</summary>
    public int Orders { get; set; }

    /// <summary>Distinct people who placed them (one Bitrix24 contact each is expected).</summary>
    public int People { get; set; }

    /// <summary>Orders placed by a returning customer.</summary>
    public int RepeatPurchases { get; set; }

    /// <summary>New customers that are legal entities.</summary>
    public int CorporateCustomers { get; set; }

    /// <summary>Second customer cards created for a returning person.</summary>
    public int DuplicateCards { get; set; }

    /// <summary>Saves that changed an order after it was placed.</summary>
    public int Edits { get; set; }

    /// <summary>Orders posted again unchanged.</summary>
    public int Resends { get; set; }

    /// <summary>Orders cancelled.</summary>
    public int Cancellations { get; set; }

    /// <summary>Orders returned after completion.</summary>
    public int Returns { get; set; }

    /// <summary>The id of the last history record after the period.</summary>
    public long HistoryRecords { get; set; }
}
