using Microsoft.Extensions.Logging;

namespace SyncGrid.Sandbox.RetailCrm;

/// <summary>Settings of a <see cref="RetailCrmSandbox"/>. Every property has a default: <c>new RetailCrmSandboxOptions()</c> serves the built-in shop.</summary>
public sealed class RetailCrmSandboxOptions
{
    /// <summary>Loopback port; 0 (default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Address to listen on; default loopback. <see cref="System.Net.IPAddress.Any"/> serves other hosts (a container network).</summary>
    public System.Net.IPAddress BindAddress { get; set; } = System.Net.IPAddress.Loopback;

    /// <summary>Host name the sandbox advertises in <see cref="RetailCrmSandbox.BaseUrl"/>; default 127.0.0.1.</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>The API key SyncGrid uses (full access, every site); default: random per start.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The shop's own API key (the generator's changes are made with it, so SyncGrid sees <c>apiKey.current=false</c>); default: random per start.</summary>
    public string? ShopApiKey { get; set; }

    /// <summary>Whether to serve the built-in shop (sites, statuses, customers, a few dozen orders); default true. False: sites and statuses only.</summary>
    public bool BuiltInShop { get; set; } = true;

    /// <summary>Requests per second of the account's token bucket (§1.7); default 10.</summary>
    public double RequestsPerSecond { get; set; } = 10;

    /// <summary>Burst of the token bucket; default 1.</summary>
    public double Burst { get; set; } = 1;

    /// <summary>Status of a request over the limit: 503 (default, RetailCRM) or 429.</summary>
    public int RateLimitStatus { get; set; } = 503;

    /// <summary>Account time-zone offset of every date (dates carry none on the wire); default +03:00.</summary>
    public TimeSpan TimeZoneOffset { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Clock of dates, the bucket and latency; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Seed of the fault dice; null (default) seeds from the environment.</summary>
    public int? RandomSeed { get; set; }

    /// <summary>Initial fault knobs; they stay adjustable through <see cref="RetailCrmSandbox.Faults"/> and <c>/_sandbox/faults</c>.</summary>
    public Action<RetailCrmFaults>? ConfigureFaults { get; set; }

    /// <summary>Logger factory; null (default) logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
