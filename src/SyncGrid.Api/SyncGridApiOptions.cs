using System.ComponentModel.DataAnnotations;

namespace SyncGrid.Api;

/// <summary>The <c>Api</c> configuration section: the HTTP API of <c>syncgrid api</c>, or co-hosted in a silo.</summary>
public sealed class SyncGridApiOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Api";

    /// <summary>Whether a silo (<c>syncgrid silo</c>) also serves the API. <c>syncgrid api</c> always does. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The bearer token every client sends (<c>Authorization: Bearer …</c>). Required whenever the API runs, at least 16
    /// characters. A secret: never logged.
    /// </summary>
    [Required(ErrorMessage = "Api:Token is required when the API runs: set the bearer token clients must send (environment variable Api__Token).")]
    [MinLength(16, ErrorMessage = "Api:Token must be at least 16 characters long.")]
    public string? Token { get; set; }

    /// <summary>Where the API listens, <c>;</c>-separated (port 0 picks a free port). Default <c>http://localhost:5080</c>.</summary>
    [Required(ErrorMessage = "Api:Urls must name at least one address, for example http://localhost:5080.")]
    public string Urls { get; set; } = "http://localhost:5080";

    /// <summary>The Bitrix24 portal (gateway grain key) whose metrics <c>GET /api/v1/gateway</c> shows. Default: <c>Sync:Portal</c>, else <c>default</c>.</summary>
    [Required]
    public string Portal { get; set; } = "default";

    /// <summary>The most companies one <c>GET /api/v1/plan</c> may walk. Default 10,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxPlanCompanies { get; set; } = 10_000;
}
