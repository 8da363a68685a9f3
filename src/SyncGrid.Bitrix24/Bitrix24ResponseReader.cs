using System.Globalization;
using System.Net;
using System.Text.Json;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Bitrix24;

/// <summary>
/// Turns a portal's answer into outcomes. A body with a non-null <c>error</c> and no <c>result</c> is an error
/// whatever the HTTP status; classic CRM errors have an empty code and are told apart by their text.
/// </summary>
internal static class Bitrix24ResponseReader
{
    private static readonly HashSet<string> FatalCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "NO_AUTH_FOUND", "INVALID_CREDENTIALS", "authorization_error", "insufficient_scope", "ACCESS_DENIED",
        "user_access_error", "WRONG_AUTH_TYPE", "OVERLOAD_LIMIT", "PORTAL_DELETED", "ERROR_METHOD_NOT_FOUND",
        "INVALID_REQUEST", "expired_token",
    };

    private static readonly HashSet<string> LostAnswerCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER",
    };

    public static Bitrix24Result Read(HttpStatusCode status, string body)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            // An HTML page from a proxy, a truncated body: the request may have run.
            return Lost($"HTTP {(int)status} with a body that is not JSON");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("result", out var result))
            {
                return Success(result, root);
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                return Error(ErrorCode(error), Bitrix24Json.ReadString(root, "error_description"), status);
            }

            return Lost($"HTTP {(int)status} with neither result nor error");
        }
    }

    public static Bitrix24Result Success(JsonElement result, JsonElement envelope) => new()
    {
        Outcome = Bitrix24Outcome.Ok,
        ResultJson = result.GetRawText(),
        Total = ReadLong(envelope, "total"),
        Next = ReadLong(envelope, "next"),
        Operating = envelope.TryGetProperty("time", out var time) ? ReadDouble(time, "operating") : null,
        OperatingResetAt = envelope.TryGetProperty("time", out var t) && ReadLong(t, "operating_reset_at") is { } reset
            ? DateTimeOffset.FromUnixTimeSeconds(reset)
            : null,
    };

    public static Bitrix24Result Error(string code, string? description, HttpStatusCode status)
    {
        var outcome = code.ToUpperInvariant() switch
        {
            "QUERY_LIMIT_EXCEEDED" => Bitrix24Outcome.RateLimited,
            "OPERATION_TIME_LIMIT" => Bitrix24Outcome.OperatingLimited,
            _ when FatalCodes.Contains(code) => Bitrix24Outcome.Fatal,
            _ when LostAnswerCodes.Contains(code) || (int)status >= 500 => Bitrix24Outcome.Unknown,
            _ => Bitrix24Outcome.Rejected,
        };
        return new Bitrix24Result { Outcome = outcome, ErrorCode = code, ErrorDescription = description };
    }

    public static Bitrix24Result Lost(string description) =>
        new() { Outcome = Bitrix24Outcome.Unknown, ErrorCode = "ANSWER_LOST", ErrorDescription = description };

    public static string ErrorCode(JsonElement error) => error.ValueKind == JsonValueKind.String ? error.GetString() ?? string.Empty : error.GetRawText();

    private static long? ReadLong(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Bitrix24Json.ReadId(value) : null;

    private static double? ReadDouble(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                _ => null,
            }
            : null;
}
