using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SyncGrid.Abstractions.Orders;
using SyncGrid.Api.Contracts;

namespace SyncGrid.Api.Endpoints;

/// <summary>Order sync state by RetailCRM id or number, the event log, incidents and the intake.</summary>
internal static class OrderEndpoints
{
    public static async Task<Results<Ok<OrderStateResponse>, ProblemHttpResult>> GetAsync(string key, string? by, IGrainFactory grains, IOrderLog log, CancellationToken cancellationToken)
    {
        if (by is not (null or "" or "id" or "number"))
        {
            return ApiProblems.InvalidParameter("by", $"'{by}' is neither id nor number.");
        }

        long? orderId = null;
        if (by != "number" && long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            orderId = id;
        }

        if (orderId is null && by != "id")
        {
            orderId = await log.FindOrderIdAsync(key, cancellationToken);
        }

        if (orderId is null)
        {
            return ApiProblems.Create(StatusCodes.Status404NotFound, "Unknown order", $"No RetailCRM order with {(by == "id" ? "id" : "id or number")} '{key}' has reached SyncGrid.", "order.unknown");
        }

        var s = await grains.GetGrain<IOrderGrain>(orderId.Value).GetSyncStateAsync(cancellationToken);
        if (!s.Exists)
        {
            return ApiProblems.Create(StatusCodes.Status404NotFound, "Unknown order", $"RetailCRM order {orderId.Value.ToString(CultureInfo.InvariantCulture)} has not reached SyncGrid.", "order.unknown");
        }

        return TypedResults.Ok(new OrderStateResponse(s.OrderId, s.Number, s.ExternalId, s.Site, s.Status, s.State, s.DealId, s.CategoryId, s.StageId, s.ContactId,
            s.CompanyId, s.LastHistoryId, s.LastSyncedAt, s.LastError, s.Attempts, s.NextAttemptAt, s.OpenIncident, [.. s.Tasks], s.PendingStatus));
    }

    public static async Task<Results<Ok<OrderEventPage>, ProblemHttpResult>> EventsAsync(string? orderId, string? kind, string? result, string? before, string? limit, IOrderLog log, CancellationToken cancellationToken)
    {
        if (!TryParseLong(orderId, out var order))
        {
            return ApiProblems.InvalidParameter("orderId", $"'{orderId}' is not a RetailCRM order id.");
        }

        if (!TryParseLong(before, out var beforeId))
        {
            return ApiProblems.InvalidParameter("before", $"'{before}' is not an event id.");
        }

        if (!QueryText.TryParseInt(limit, 100, 1, 1000, out var size, out var error))
        {
            return ApiProblems.InvalidParameter("limit", error!);
        }

        var rows = await log.QueryEventsAsync(new OrderEventQuery { OrderId = order, Kind = Empty(kind), Result = Empty(result), BeforeId = beforeId, Limit = size }, cancellationToken);
        var items = rows.Select(r => new OrderEventDto(r.Id, r.Event.At, r.Event.Direction, r.Event.System, r.Event.Kind, r.Event.OrderId, r.Event.DealId, r.Event.PayloadRef, r.Event.Result, r.Event.Error, r.Event.DurationMs)).ToList();
        return TypedResults.Ok(new OrderEventPage(items, items.Count == size ? items[^1].Id : null));
    }

    public static async Task<Results<Ok<List<OrderIncidentDto>>, ProblemHttpResult>> IncidentsAsync(string? state, string? orderId, string? limit, IOrderLog log, CancellationToken cancellationToken)
    {
        if (state is not (null or "" or "open" or "all"))
        {
            return ApiProblems.InvalidParameter("state", $"'{state}' is neither open nor all.");
        }

        if (!TryParseLong(orderId, out var order))
        {
            return ApiProblems.InvalidParameter("orderId", $"'{orderId}' is not a RetailCRM order id.");
        }

        if (!QueryText.TryParseInt(limit, 100, 1, 10_000, out var size, out var error))
        {
            return ApiProblems.InvalidParameter("limit", error!);
        }

        var incidents = await log.ListIncidentsAsync(state != "all", order, size, cancellationToken);
        return TypedResults.Ok(incidents.Select(i => ToDto(i, null)).ToList());
    }

    public static async Task<Results<Ok<OrderIncidentDto>, ProblemHttpResult>> IncidentAsync(string id, IOrderLog log, CancellationToken cancellationToken)
    {
        var history = await log.IncidentHistoryAsync(id, cancellationToken);
        if (history.Count == 0)
        {
            return ApiProblems.Create(StatusCodes.Status404NotFound, "Unknown incident", $"There is no incident '{id}'.", "incident.unknown");
        }

        var orderId = id.StartsWith("order-", StringComparison.Ordinal) && long.TryParse(id.Split('-')[1], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : (long?)null;
        var incident = (await log.ListIncidentsAsync(openOnly: false, orderId, 10_000, cancellationToken)).FirstOrDefault(i => i.Id == id);
        return incident is null
            ? ApiProblems.Create(StatusCodes.Status404NotFound, "Unknown incident", $"There is no incident '{id}'.", "incident.unknown")
            : TypedResults.Ok(ToDto(incident, history));
    }

    public static async Task<Ok<OrderIntakeResponse>> IntakeAsync(string? account, IGrainFactory grains, IOrderLog log, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrEmpty(account) ? "retailcrm" : account;
        var s = await grains.GetGrain<IOrderIntakeGrain>(name).GetStateAsync(cancellationToken);
        var counts = await log.CountEventsAsync(cancellationToken);
        return TypedResults.Ok(new OrderIntakeResponse(name, s.LastHistoryId, s.RecordsRead, s.OwnWritesSkipped, s.OrdersHandedOver, s.Batches, s.LastPollAt, s.LastError,
            new SortedDictionary<string, long>(counts.ToDictionary(), StringComparer.Ordinal)));
    }

    private static OrderIncidentDto ToDto(OrderIncident i, IReadOnlyList<OrderIncidentEntry>? history) =>
        new(i.Id, i.OrderId, i.Scope, i.Code, i.Title, i.OpenedAt, i.ClosedAt, i.Alerted, i.Failures, i.LastError, history?.Select(h => new OrderIncidentEntryDto(h.At, h.What, h.Detail)).ToList());

    private static bool TryParseLong(string? text, out long? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
