using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.RetailCrm;

/// <summary>An answer before it is written: JSON or HTML, or a transport failure (drop, hold, truncated body).</summary>
internal sealed record RetailCrmReply(int Status, JsonObject? Json, string? Html = null, bool Drop = false, TimeSpan Hold = default, bool Truncate = false, bool Empty = false)
{
    public static RetailCrmReply Ok(JsonObject body, int status = 200)
    {
        var json = new JsonObject { ["success"] = true };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            json[key] = value;
        }

        return new RetailCrmReply(status, json);
    }

    public static RetailCrmReply Page(int status, string title) =>
        new(status, null, $"<!DOCTYPE html><html><head><title>{status} {title}</title></head><body><h1>{title}</h1></body></html>");
}

/// <summary>A refusal of the API (§1.5): <c>errorMsg</c> and optional <c>errors</c> keyed by field path.</summary>
internal sealed class RetailCrmApiException(int status, string errorMsg, IReadOnlyDictionary<string, string>? errors = null) : Exception(errorMsg)
{
    public int Status { get; } = status;

    public IReadOnlyDictionary<string, string>? Errors { get; } = errors;

    public static RetailCrmApiException Missing(string parameter) => new(400, $"Parameter '{parameter}' is missing");

    public static RetailCrmApiException InputParameters(string field, string message) =>
        new(400, "Errors in the input parameters", new Dictionary<string, string> { [field] = message });

    public static RetailCrmApiException NotFound() => new(404, "Not found");
}
