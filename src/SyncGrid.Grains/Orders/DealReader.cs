using System.Globalization;
using System.Text.Json;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Orders;

/// <summary>Reads a deal row (from <c>crm.deal.get</c> or <c>crm.deal.list</c>) as an observation of an order's deal.</summary>
internal static class DealReader
{
    /// <summary>The order id and what was seen, or null when the deal is not one SyncGrid created for an order.</summary>
    public static (long OrderId, DealObservation Observation)? Read(JsonElement deal, string originator, string via)
    {
        if (Bitrix24Json.ReadString(deal, "ORIGINATOR_ID") != originator
            || !long.TryParse(Bitrix24Json.ReadString(deal, "ORIGIN_ID"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var orderId)
            || (deal.TryGetProperty("ID", out var idElement) ? Bitrix24Json.ReadId(idElement) : null) is not { } dealId
            || Bitrix24Json.ReadString(deal, "STAGE_ID") is not { } stage)
        {
            return null;
        }

        return (orderId, new DealObservation
        {
            DealId = dealId,
            StageId = stage,
            Comments = Bitrix24Json.ReadString(deal, "COMMENTS") ?? string.Empty,
            CategoryId = int.TryParse(Bitrix24Json.ReadString(deal, "CATEGORY_ID"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var category) ? category : 0,
            ModifiedAt = DateTimeOffset.TryParse(Bitrix24Json.ReadString(deal, "DATE_MODIFY"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var modified) ? modified : null,
            Via = via,
        });
    }
}
