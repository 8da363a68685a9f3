namespace SyncGrid.Sandbox.RetailCrm;

/// <summary>What <see cref="RetailCrmSandbox.GenerateShopDay"/> generates: a period of a shop's order flow.</summary>
public sealed class RetailCrmShopDay
{
    /// <summary>Orders placed over the period. Default 200.</summary>
    public int Orders { get; set; } = 200;

    /// <summary>Seed of the generator; the same seed gives the same flow. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Start of the simulated period. Default: one day before now.</summary>
    public DateTimeOffset Start { get; set; }

    /// <summary>Length of the simulated period. Default one day.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Share of orders placed by a returning customer. Default 0.3.</summary>
    public double RepeatShare { get; set; } = 0.3;

    /// <summary>Share of new customers that are legal entities with a TIN. Default 0.1.</summary>
    public double CorporateShare { get; set; } = 0.1;

    /// <summary>Share of new customers without an e-mail (known by their mobile phone). Default 0.2.</summary>
    public double WithoutEmailShare { get; set; } = 0.2;

    /// <summary>Share of repeat orders placed under a second customer card of the same person. Default 0.2.</summary>
    public double DuplicateCardShare { get; set; } = 0.2;

    /// <summary>Share of orders the shop edits (items, custom fields) after placing them. Default 0.3.</summary>
    public double EditShare { get; set; } = 0.3;

    /// <summary>Share of orders the shop posts again unchanged. Default 0.2.</summary>
    public double ResendShare { get; set; } = 0.2;

    /// <summary>Share of orders cancelled. Default 0.1.</summary>
    public double CancelShare { get; set; } = 0.1;

    /// <summary>Share of orders returned after completion. Default 0.05.</summary>
    public double ReturnShare { get; set; } = 0.05;

    /// <summary>RetailCRM user ids of the managers who work the orders. Default 11, 12, 13.</summary>
    public IReadOnlyList<int> ManagerIds { get; set; } = [11, 12, 13];
}
