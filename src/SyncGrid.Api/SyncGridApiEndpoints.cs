using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SyncGrid.Api.Endpoints;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps SyncGrid's HTTP API.</summary>
public static class SyncGridApiEndpoints
{
    /// <summary>The route prefix of every authenticated endpoint.</summary>
    public const string Prefix = "/api/v1";

    /// <summary>
    /// Maps the API under <c>/api/v1</c> (bearer token required), <c>GET /health</c> (no token) and the OpenAPI document
    /// at <c>/openapi/v1.json</c> (no token). Needs the services of <c>AddSyncGridApi</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapSyncGridApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapOpenApi().AllowAnonymous();
        endpoints.MapGet("/health", StatusEndpoints.HealthAsync).AllowAnonymous().WithName("Health").WithTags("health")
            .Produces<SyncGrid.Api.Contracts.HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Whether the API is up and the cluster answers (no token needed).");

        endpoints.MapPost("/bitrix24/events", Bitrix24EventEndpoints.ReceiveAsync).AllowAnonymous().DisableAntiforgery().WithName("Bitrix24Event").WithTags("orders")
            .WithSummary("Bitrix24's outgoing webhook for deal events (no bearer token; the application token is checked).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);

        var api = endpoints.MapGroup(Prefix).RequireAuthorization().WithTags("sync")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapGet("/companies/{tin}", CompanyEndpoints.GetAsync).WithName("GetCompany")
            .WithSummary("A company's sync state: status, register verdict, Bitrix24 ids, every field with its winning source, contacts, last error, history.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/companies", CompanyEndpoints.ListAsync).WithName("ListCompanies")
            .WithSummary("Companies ordered by TIN, optionally of one status, a page at a time (status, after, limit 1-1000).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/companies/counts", CompanyEndpoints.CountAsync).WithName("CountCompanies")
            .WithSummary("Companies per status, and distinct contacts.");
        api.MapPost("/companies/{tin}/resync", CompanyEndpoints.ResyncAsync).WithName("ResyncCompany")
            .WithSummary("Sends the company through register validation and a Bitrix24 push again, although nothing changed.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/companies/{tin}/plan", PlanEndpoints.CompanyAsync).WithName("PlanCompany")
            .WithSummary("Dry run for one company: the Bitrix24 writes its sync would make now. Nothing is sent.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/plan", PlanEndpoints.WalkAsync).WithName("Plan")
            .WithSummary("Dry run over companies from the read model (status, after, limit, sample): writes by method, companies needing writes, a sample.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/rejects", RejectEndpoints.ListAsync).WithName("ListRejects")
            .WithSummary("Rejected values, newest first, filtered by store, reason-code prefix and source id, paged by offset and limit.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/sources", StatusEndpoints.SourcesAsync).WithName("ListSources")
            .WithSummary("Per-source progress: positions (offsets, watermarks, checkpoints), counts, lag, last error.");
        api.MapGet("/gateway", StatusEndpoints.GatewayAsync).WithName("GetGateway")
            .WithSummary("The Bitrix24 gateway's request and command rates, queue depth and limit errors.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/orders/intake", OrderEndpoints.IntakeAsync).WithName("GetOrderIntake").WithTags("orders")
            .WithSummary("Where the order intake of a RetailCRM account stands (last history id, counts), and the event-log counts (account, default retailcrm).");
        api.MapGet("/orders/events", OrderEndpoints.EventsAsync).WithName("ListOrderEvents").WithTags("orders")
            .WithSummary("The event log of the order flows, newest first (orderId, kind, result, before, limit 1-1000).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/orders/incidents", OrderEndpoints.IncidentsAsync).WithName("ListOrderIncidents").WithTags("orders")
            .WithSummary("Incidents of the order flows, newest first: open ones (state=open, the default) or all, of one order or all.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/orders/incidents/{id}", OrderEndpoints.IncidentAsync).WithName("GetOrderIncident").WithTags("orders")
            .WithSummary("One incident with its history.").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/orders/{key}", OrderEndpoints.GetAsync).WithName("GetOrder").WithTags("orders")
            .WithSummary("An order's sync state by RetailCRM id or number (by=id|number to say which).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
