namespace SyncGrid.Api.Contracts;

/// <summary>The health answer (<c>GET /health</c>, no token needed).</summary>
/// <param name="Status"><c>ok</c> when the cluster answered, otherwise <c>unavailable</c>.</param>
/// <param name="Silos">Active silos the cluster reports; <see langword="null"/> when it did not answer.</param>
/// <param name="Detail">What failed, when something did.</param>
public sealed record HealthResponse(string Status, int? Silos, string? Detail);
