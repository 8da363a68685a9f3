namespace SyncGrid.Domain.Orders;

/// <summary>
/// One deal pipeline of the unified status dictionary: which orders go into it (by site and order type; empty means
/// any) and how RetailCRM status codes map to its stages. Several statuses may share a stage; a stage changed in
/// Bitrix24 goes back as the first status listed for it.
/// </summary>
/// <param name="CategoryId">The Bitrix24 deal category (pipeline); 0 is the default pipeline.</param>
/// <param name="Sites">RetailCRM site codes whose orders go here; empty: any site.</param>
/// <param name="OrderTypes">RetailCRM order types whose orders go here; empty: any type.</param>
/// <param name="Map">Status code ↔ stage id pairs, in order.</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.OrderPipeline")]
public sealed record OrderPipeline(
    [property: Id(0)] int CategoryId,
    [property: Id(1)] ValueList<string> Sites,
    [property: Id(2)] ValueList<string> OrderTypes,
    [property: Id(3)] ValueList<StatusStage> Map)
{
    /// <summary>Whether an order of this site and type belongs here.</summary>
    public bool Accepts(string site, string? orderType) =>
        (Sites.IsEmpty || Sites.Contains(site)) && (OrderTypes.IsEmpty || (orderType is not null && OrderTypes.Contains(orderType)));

    /// <summary>The stage of a status, or <see langword="null"/> when the dictionary does not map it.</summary>
    public string? StageOf(string status) => Map.FirstOrDefault(m => m.Status == status)?.Stage;

    /// <summary>
    /// The status a stage set in Bitrix24 means: the order's current status when it already maps to that stage (nothing
    /// to change), else the first status listed for the stage; <see langword="null"/> when no status maps to it.
    /// </summary>
    public string? StatusOf(string stage, string currentStatus) =>
        StageOf(currentStatus) == stage ? currentStatus : Map.FirstOrDefault(m => m.Stage == stage)?.Status;
}

/// <summary>One pair of the unified status dictionary.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.StatusStage")]
public sealed record StatusStage([property: Id(0)] string Status, [property: Id(1)] string Stage);
