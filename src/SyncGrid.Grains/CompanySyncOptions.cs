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
    /// Register lookups a silo lets its grains wait for at once (see <see cref="WorkAdmission"/>); the rest wait for
    /// their turn without holding their grain. About two seconds of the register's rate keeps it busy. Default 32.
    /// </summary>
    [Range(1, 100_000)]
    public int RegisterLookupsInFlight { get; set; } = 32;

    /// <summary>
    /// Company and contact pushes a silo lets its grains run at once (see <see cref="WorkAdmission"/>). Enough to fill
    /// the gateway's batches at the portal's rate; more only lengthens the time a pushing grain keeps its ingest
    /// waiting. Default 256.
    /// </summary>
    [Range(1, 100_000)]
    public int Bitrix24PushesInFlight { get; set; } = 256;

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
