namespace SyncGrid.Cli.Demo;

/// <summary>The outside systems' limits a run's sandboxes enforce and its silos are configured for.</summary>
/// <param name="RegisterRate">Requests per second the register sandbox allows (the silos' clients share 90 % of it).</param>
/// <param name="Bitrix24Burst">The Bitrix24 portal's leaky bucket: requests it takes at once.</param>
/// <param name="Bitrix24Drain">The Bitrix24 portal's leaky bucket: requests per second it drains.</param>
public sealed record SandboxLimits(int RegisterRate, int Bitrix24Burst, double Bitrix24Drain);
