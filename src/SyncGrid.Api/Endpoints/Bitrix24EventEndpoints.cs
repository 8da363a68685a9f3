using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SyncGrid.Abstractions.Orders;

namespace SyncGrid.Api.Endpoints;

/// <summary>
/// The handler of Bitrix24's outgoing webhook (<c>POST /bitrix24/events</c>): no bearer token — the portal cannot send
/// one — but every event carries the application token, which the silo checks; a wrong or missing one is answered 401.
/// </summary>
internal static class Bitrix24EventEndpoints
{
    public static async Task<Results<Ok<Bitrix24EventAnswer>, ProblemHttpResult>> ReceiveAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return ApiProblems.Create(StatusCodes.Status415UnsupportedMediaType, "Not an outgoing-webhook event", "Bitrix24 posts events as application/x-www-form-urlencoded.", "event.format");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var name = form["event"].ToString();
        if (string.IsNullOrEmpty(name) || !long.TryParse(form["data[FIELDS][ID]"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return ApiProblems.Create(StatusCodes.Status400BadRequest, "Not an outgoing-webhook event", "The form needs event and data[FIELDS][ID].", "event.format");
        }

        var token = form["auth[application_token]"].ToString();
        var outcome = await grains.GetGrain<IOrderDealEventsGrain>(0).ReceiveAsync(
            new Bitrix24DealEvent(name, id, token.Length == 0 ? null : token, form["auth[domain]"].ToString()), cancellationToken);
        return outcome == DealEventOutcome.Rejected
            ? ApiProblems.Create(StatusCodes.Status401Unauthorized, "Unknown sender", "The application token is missing or is not the one configured in Orders:ApplicationToken.", "event.token")
            : TypedResults.Ok(new Bitrix24EventAnswer(outcome.ToString().ToLowerInvariant()));
    }
}

/// <summary>What became of an outgoing-webhook event: accepted, ignored (not an order deal) or deferred (left to polling).</summary>
public sealed record Bitrix24EventAnswer(string Outcome);
