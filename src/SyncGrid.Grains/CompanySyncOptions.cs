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

    /// <summary>The delay before retry number <paramref name="attempts"/>: the base delay doubled per attempt, at most the longest delay.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var delay = RetryBaseDelay * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
