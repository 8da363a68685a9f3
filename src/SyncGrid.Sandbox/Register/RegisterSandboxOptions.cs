namespace SyncGrid.Sandbox.Register;

/// <summary>Settings of a <see cref="RegisterSandbox"/>.</summary>
public sealed class RegisterSandboxOptions
{
    /// <summary>Loopback port; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Address to listen on; default loopback. <see cref="System.Net.IPAddress.Any"/> serves other hosts (a container network).</summary>
    public System.Net.IPAddress BindAddress { get; set; } = System.Net.IPAddress.Loopback;

    /// <summary>The API key clients must send; default: a random key per start.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A register file to serve (see <c>docs/register-sandbox.md</c>); default: the built-in register.</summary>
    public string? RegisterFile { get; set; }

    /// <summary>Companies to serve instead of a file or the built-in register.</summary>
    public IReadOnlyList<RegisterSandboxCompany>? Companies { get; set; }

    /// <summary>Time taken by every answer. Default 400 ms, as in production.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Requests accepted per second (sliding one-second window); above it: 429. Default 30.</summary>
    public int RateLimitPerSecond { get; set; } = 30;

    /// <summary>Answers per key per UTC day; when used up: 403. Default 10,000 (the free plan).</summary>
    public long DailyQuota { get; set; } = 10_000;

    /// <summary>Largest request body accepted; above it: 413. Default 10 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 10 * 1024;

    /// <summary>Share of requests answered with a random 500, 502 or 503 (0 to 1). Default 0.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Start of an outage (every request answered 503), measured from the sandbox start. Default: none.</summary>
    public TimeSpan? OutageStart { get; set; }

    /// <summary>Length of the outage that begins at <see cref="OutageStart"/>. Default 0.</summary>
    public TimeSpan OutageDuration { get; set; }

    /// <summary>Share of requests answered after <see cref="SlowLatency"/> instead of <see cref="Latency"/> (0 to 1). Default 0.</summary>
    public double SlowRate { get; set; }

    /// <summary>Latency of a slow answer. Default 5 s.</summary>
    public TimeSpan SlowLatency { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed of the fault dice, so that a run can be repeated. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>The clock of the rate window, the daily quota, the outage window and the latency. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
