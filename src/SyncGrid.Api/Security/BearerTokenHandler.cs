using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SyncGrid.Api.Security;

/// <summary>
/// Accepts <c>Authorization: Bearer &lt;Api:Token&gt;</c>. The comparison takes the same time whatever the token sent (both
/// are hashed, then compared in constant time, so neither content nor length leaks). A refusal is a 401 with
/// <c>WWW-Authenticate: Bearer</c> and a problem-details body. The token is never logged.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<SyncGridApiOptions> apiOptions) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    /// <summary>The authentication scheme name.</summary>
    public const string SchemeName = "Bearer";

    private readonly byte[] _expected = Hash(apiOptions.Value.Token ?? throw new InvalidOperationException("Api:Token is required when the API runs."));

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header is not a bearer token."));
        }

        var sent = Hash(header["Bearer ".Length..].Trim());
        if (!CryptographicOperations.FixedTimeEquals(sent, _expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not the configured one."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-client")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = result.Failure is { } failure
            ? $"{failure.Message} Send 'Authorization: Bearer <token>' with the token set in Api:Token."
            : "Send 'Authorization: Bearer <token>' with the token set in Api:Token.";
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "A valid bearer token is required",
                Detail = detail,
                Extensions = { [ApiProblems.CodeExtension] = "auth.token" },
            },
        });
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
