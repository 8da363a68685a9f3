namespace SyncGrid.Domain.Register;

/// <summary>
/// The outcome of one register lookup. Expected cases are values, not exceptions:
/// <see cref="Found"/> and <see cref="NotFound"/> are answers; <see cref="Unavailable"/> means "ask again later";
/// <see cref="Refused"/> means lookups are stopped until an operator acts.
/// </summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.RegisterLookup")]
public abstract record RegisterLookup
{
    private protected RegisterLookup()
    {
    }

    /// <summary>The register knows the company.</summary>
    [GenerateSerializer, Immutable, Alias("SyncGrid.RegisterLookup.Found")]
    public sealed record Found([property: Id(0)] RegisterVerdict Verdict) : RegisterLookup;

    /// <summary>The register answered that it has no such company (HTTP 200, empty <c>suggestions</c>).</summary>
    [GenerateSerializer, Immutable, Alias("SyncGrid.RegisterLookup.NotFound")]
    public sealed record NotFound([property: Id(0)] DateTimeOffset ObtainedAt) : RegisterLookup;

    /// <summary>
    /// No answer now: rate-limited (429), an outage (5xx) or timeouts after the client's own retries.
    /// The caller keeps the company pending and retries later, not before <see cref="RetryAfter"/> when given.
    /// </summary>
    [GenerateSerializer, Immutable, Alias("SyncGrid.RegisterLookup.Unavailable")]
    public sealed record Unavailable([property: Id(0)] string Reason, [property: Id(1)] TimeSpan? RetryAfter) : RegisterLookup;

    /// <summary>
    /// The register refused the client (400, 401, 403: bad request, missing or bad key, quota exhausted) and lookups are
    /// stopped: every later lookup returns this at once, without a request, until the register health is reset.
    /// </summary>
    [GenerateSerializer, Immutable, Alias("SyncGrid.RegisterLookup.Refused")]
    public sealed record Refused([property: Id(0)] string Reason) : RegisterLookup;
}
