using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.RateLimiting;
using Polly.Timeout;
using SyncGrid.Domain.Identifiers;
using SyncGrid.Domain.Register;

namespace SyncGrid.Register;

/// <summary>
/// The register client: POST <c>suggestions/api/4_1/rs/findById/party</c> with <c>Authorization: Token …</c>.
/// Pacing, retries (429/5xx/timeouts only) and attempt timeouts live in the HttpClient's resilience pipeline; this
/// class maps what comes out of it to a <see cref="RegisterLookup"/>, and trips <see cref="RegisterHealth"/> on 4xx.
/// </summary>
internal sealed class RegisterClient(HttpClient http, RegisterHealth health, RegisterMetrics metrics, TimeProvider time, ILogger<RegisterClient> logger) : IRegisterClient
{
    /// <summary>The path of "find party by id", relative to the base URL.</summary>
    public const string FindPartyPath = "suggestions/api/4_1/rs/findById/party";

    private const int MaxReasonLength = 300;

    /// <inheritdoc />
    public async Task<RegisterLookup> FindPartyAsync(Tin tin, Kpp? kpp, CancellationToken cancellationToken)
    {
        var stopped = health.Current;
        if (stopped.IsStopped)
        {
            metrics.Lookup("refused");
            return new RegisterLookup.Refused(stopped.Reason ?? "Register lookups are stopped.");
        }

        var started = time.GetTimestamp();
        var lookup = await SendAsync(tin, kpp, cancellationToken).ConfigureAwait(false);
        var took = time.GetElapsedTime(started);
        switch (lookup)
        {
            case RegisterLookup.Found found:
                metrics.Lookup("found", took);
                RegisterLog.Answered(logger, tin.Value, found.Verdict.Status.ToString());
                break;
            case RegisterLookup.NotFound:
                metrics.Lookup("not-found", took);
                RegisterLog.Answered(logger, tin.Value, "not found");
                break;
            case RegisterLookup.Unavailable unavailable:
                metrics.Lookup("unavailable", took);
                RegisterLog.Unavailable(logger, tin.Value, unavailable.Reason);
                break;
            case RegisterLookup.Refused:
                metrics.Lookup("refused", took);
                break;
        }

        return lookup;
    }

    private async Task<RegisterLookup> SendAsync(Tin tin, Kpp? kpp, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, FindPartyPath)
            {
                Content = JsonContent.Create(new FindPartyRequest(tin.Value, kpp?.Value, 1), RegisterJsonContext.Default.FindPartyRequest),
            };
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return await ReadAsync(tin, kpp, response, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException)
        {
            return new RegisterLookup.Unavailable("The register did not answer in time.", null);
        }
        catch (RateLimiterRejectedException ex)
        {
            return new RegisterLookup.Unavailable("Too many lookups are waiting for their turn at the pacer.", ex.RetryAfter);
        }
        catch (HttpRequestException ex)
        {
            return new RegisterLookup.Unavailable($"The register could not be reached: {ex.HttpRequestError}.", null);
        }
    }

    private async Task<RegisterLookup> ReadAsync(Tin tin, Kpp? kpp, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return await ParseAsync(tin, kpp, response, cancellationToken).ConfigureAwait(false);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
        {
            return new RegisterLookup.Unavailable($"The register answered HTTP {status} after the retries.", RetryAfter(response));
        }

        // 400, 401, 403 and any other 4xx (a wrong path or verb is a configuration error too): retrying cannot help and
        // would burn the quota, so lookups stop until an operator acts.
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var reason = $"HTTP {status} {response.ReasonPhrase}: {(body.Length > MaxReasonLength ? body[..MaxReasonLength] : body)}".TrimEnd(' ', ':');
        if (health.Trip(reason))
        {
            metrics.Alert(status);
            RegisterLog.Stopped(logger, status, tin.Value, reason);
        }

        return new RegisterLookup.Refused(health.Current.Reason ?? reason);
    }

    private async Task<RegisterLookup> ParseAsync(Tin tin, Kpp? kpp, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        FindPartyResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync(RegisterJsonContext.Default.FindPartyResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            RegisterLog.Malformed(logger, tin.Value, ex.Message);
            return new RegisterLookup.Unavailable("The register's answer is not the expected JSON.", null);
        }

        var obtainedAt = time.GetUtcNow();
        var suggestions = body?.Suggestions ?? [];
        var data = Pick(suggestions, kpp);
        if (data is null)
        {
            return new RegisterLookup.NotFound(obtainedAt);
        }

        var fullName = data.Name?.FullWithOpf ?? data.Name?.Full ?? suggestions[0].Value ?? string.Empty;
        var verdict = new RegisterVerdict(
            Tin.TryParse(data.Inn, out var reported) ? reported : tin,
            data.Kpp,
            data.Ogrn,
            ParseStatus(data.State?.Status),
            fullName,
            data.Name?.ShortWithOpf ?? data.Name?.Short ?? fullName,
            data.Opf?.Short,
            data.Address?.Value,
            ParseType(data.Type),
            obtainedAt);
        return new RegisterLookup.Found(verdict);
    }

    private static PartyData? Pick(IReadOnlyList<PartySuggestion> suggestions, Kpp? kpp)
    {
        var candidates = suggestions.Select(s => s.Data).OfType<PartyData>().ToList();
        if (kpp is { } wanted)
        {
            return candidates.Find(d => string.Equals(d.Kpp, wanted.Value, StringComparison.Ordinal)) ?? candidates.FirstOrDefault();
        }

        return candidates.Find(d => string.Equals(d.BranchType, "MAIN", StringComparison.Ordinal)) ?? candidates.FirstOrDefault();
    }

    private static RegisterPartyStatus ParseStatus(string? status) => status switch
    {
        "ACTIVE" => RegisterPartyStatus.Active,
        "LIQUIDATING" => RegisterPartyStatus.Liquidating,
        "LIQUIDATED" => RegisterPartyStatus.Liquidated,
        "BANKRUPT" => RegisterPartyStatus.Bankrupt,
        "REORGANIZING" => RegisterPartyStatus.Reorganizing,
        _ => RegisterPartyStatus.Unknown,
    };

    private static RegisterPartyType ParseType(string? type) => type switch
    {
        "LEGAL" => RegisterPartyType.Legal,
        "INDIVIDUAL" => RegisterPartyType.Individual,
        _ => RegisterPartyType.Unknown,
    };

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
