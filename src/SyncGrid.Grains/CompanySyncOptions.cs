using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace SyncGrid.Grains;

/// <summary>How companies are validated and pushed (the <c>Sync</c> configuration section).</summary>
public sealed class CompanySyncOptions
{
    /// <summary>How long a register answer is reused before the company is looked up again. Default 30 days.</summary>
    public TimeSpan VerdictValidity { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The Bitrix24 portal (gateway grain key) companies are pushed to. Default <c>default</c>.</summary>
    public string Portal { get; set; } = "default";

    /// <summary>The first retry delay of a failed lookup or push; it doubles per attempt. Default 5 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest retry delay. Default 10 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Register lookups a silo lets its grains run at once (see <see cref="WorkAdmission"/>); the rest wait for their
    /// turn without holding their grain. It must cover the register's rate times its answer time, or the lookups fall
    /// behind the rate; more only lengthens the wait in the client's pacer, which holds the grain. Default: three
    /// seconds of <c>Register:RequestsPerSecond</c> (at least 16) where the host knows it (<c>syncgrid silo</c>), else 64.
    /// </summary>
    [Range(1, 100_000)]
    public int? RegisterLookupsInFlight { get; set; }

    /// <summary>
    /// Company and contact pushes a silo lets its grains run at once (see <see cref="WorkAdmission"/>). A push sends one
    /// command per round trip, so the gateway's batches stay full only with a couple of seconds of the portal's rate in
    /// flight; more only lengthens the time a pushing grain keeps its ingest waiting. Default: two seconds of commands at
    /// the portal's rate (100 × <c>Bitrix24:DrainPerSecond</c>), at least 256.
    /// </summary>
    [Range(1, 100_000)]
    public int? Bitrix24PushesInFlight { get; set; }

    /// <summary>The delay before retry number <paramref name="attempts"/>: the base delay doubled per attempt, at most the longest delay.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var delay = RetryBaseDelay * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}

/// <summary>Validates <see cref="CompanySyncOptions"/> from its data annotations (generated).</summary>
[OptionsValidator]
public sealed partial class CompanySyncOptionsValidator : IValidateOptions<CompanySyncOptions>;
