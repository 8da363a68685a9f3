using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SyncGrid.Domain;

namespace SyncGrid.Api;

/// <summary>
/// The API's problem details (RFC 9457): a stable <c>code</c> extension a script can branch on, a title, and a detail a
/// person can act on.
/// </summary>
public static class ApiProblems
{
    /// <summary>The problem-details extension holding the stable problem code.</summary>
    public const string CodeExtension = "code";

    /// <summary>400: the TIN in the path is not a valid TIN; the detail says why (length, check digit, characters).</summary>
    public static ProblemHttpResult InvalidTin(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Create(StatusCodes.Status400BadRequest, "The TIN is not valid", $"'{problem.RawValue}': {problem.Message}", problem.Code);
    }

    /// <summary>400: a query parameter cannot be used.</summary>
    public static ProblemHttpResult InvalidParameter(string name, string detail) =>
        Create(StatusCodes.Status400BadRequest, $"The parameter '{name}' is not valid", detail, "request.parameter");

    /// <summary>404: no source record has ever reached this company.</summary>
    public static ProblemHttpResult UnknownCompany(string tin) =>
        Create(StatusCodes.Status404NotFound, "Unknown company", $"No source record with TIN {tin} has reached SyncGrid.", "company.unknown");

    /// <summary>409: the request is valid but the company's state does not allow it.</summary>
    public static ProblemHttpResult Conflict(string detail, string code) =>
        Create(StatusCodes.Status409Conflict, "Not possible in the company's current state", detail, code);

    /// <summary>503: a part of the grid the request needs is not available.</summary>
    public static ProblemHttpResult Unavailable(string detail, string code) =>
        Create(StatusCodes.Status503ServiceUnavailable, "Not available", detail, code);

    /// <summary>A problem with the given status, title, detail and code.</summary>
    public static ProblemHttpResult Create(int status, string title, string detail, string code) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { [CodeExtension] = code });
}
