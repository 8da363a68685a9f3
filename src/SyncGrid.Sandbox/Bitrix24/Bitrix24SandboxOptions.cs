using Microsoft.Extensions.Logging;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>Settings of one sandbox portal. Every property has a default, so <c>new Bitrix24SandboxOptions()</c> starts a standard-plan portal.</summary>
public sealed class Bitrix24SandboxOptions
{
    /// <summary>Loopback port to bind; 0 (default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>Address to listen on; default loopback. <see cref="System.Net.IPAddress.Any"/> serves other hosts (a container network).</summary>
    public System.Net.IPAddress BindAddress { get; set; } = System.Net.IPAddress.Loopback;

    /// <summary>Host name the sandbox advertises in <see cref="Bitrix24Sandbox.WebhookUrl"/>; default 127.0.0.1.</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>Inbound webhook secret; null (default) generates a random 16-character code at every start.</summary>
    public string? WebhookCode { get; set; }

    /// <summary>Id of the employee who owns the webhook; default 1.</summary>
    public int WebhookUserId { get; set; } = 1;

    /// <summary>Leaky-bucket preset; default <see cref="Bitrix24Plan.Standard"/> (50 burst, 2/s).</summary>
    public Bitrix24Plan Plan { get; set; } = Bitrix24Plan.Standard;

    /// <summary>Bucket size X; null (default) takes the plan's value.</summary>
    public double? BucketBurst { get; set; }

    /// <summary>Drain Y in requests per second; null (default) takes the plan's value.</summary>
    public double? BucketDrainPerSecond { get; set; }

    /// <summary>Whether a refused (503) request still adds to the bucket; default true (the docs' reading).</summary>
    public bool RejectedRequestsCount { get; set; } = true;

    /// <summary>Whether the per-method operating-time limiter runs (cloud behaviour); default true.</summary>
    public bool OperatingLimiterEnabled { get; set; } = true;

    /// <summary>Operating budget per method over the window, in seconds; default 420 (module default; cloud folklore says 480).</summary>
    public double OperatingLimitSeconds { get; set; } = 420;

    /// <summary>Scales the 10 × 60 s operating window; default 1. 0.01 makes the window 6 s.</summary>
    public double OperatingTimeScale { get; set; } = 1;

    /// <summary>Whether simulated latency is actually waited (on <see cref="TimeProvider"/>); default true. When false it is only reported and charged.</summary>
    public bool WaitForLatency { get; set; } = true;

    /// <summary>Hard request time limit used by the timeout faults; default 60 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Portal time-zone offset for dates; default +03:00 (Moscow).</summary>
    public TimeSpan TimeZoneOffset { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Clock for dates, the bucket, the operating limiter and latency; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Seed of the fault-injection random generator; null (default) seeds from the environment.</summary>
    public int? RandomSeed { get; set; }

    /// <summary>State file loaded at start when it exists; null (default) starts empty.</summary>
    public string? StateFile { get; set; }

    /// <summary>Trust <c>X-Forwarded-For</c> as the client address of the leaky bucket (to simulate several hosts); default false.</summary>
    public bool TrustForwardedFor { get; set; }

    /// <summary>Initial fault-injection knobs; they stay adjustable through <see cref="Bitrix24Sandbox.Faults"/> and the admin endpoint.</summary>
    public Action<Bitrix24Faults>? ConfigureFaults { get; set; }

    /// <summary>Logger factory; null (default) logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal double EffectiveBurst => BucketBurst ?? (Plan == Bitrix24Plan.Enterprise ? 250 : 50);

    internal double EffectiveDrain => BucketDrainPerSecond ?? (Plan == Bitrix24Plan.Enterprise ? 5 : 2);
}
