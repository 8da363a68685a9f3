using System.Text.Json;
using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Grains.Bitrix24;

/// <summary>Reading command results the pushers share: outcome classification, id lists, multi-field rows.</summary>
internal static class Bitrix24Results
{
    public static (Bitrix24PushOutcome, string?) Classify(Bitrix24Result result, string method) => result.Outcome switch
    {
        Bitrix24Outcome.Rejected or Bitrix24Outcome.Fatal => (Bitrix24PushOutcome.Failed, $"{method} was refused: {result.ErrorCode} {result.ErrorDescription}".TrimEnd()),
        _ => (Bitrix24PushOutcome.Retry, $"{method}: {result.Outcome} {result.ErrorCode}".TrimEnd()),
    };

    public static List<(long Id, string? XmlId)> Ids(Bitrix24Result result)
    {
        using var json = result.Parse()!;
        return json.RootElement.ValueKind != JsonValueKind.Array
            ? []
            : json.RootElement.EnumerateArray()
                .Select(r => (Id: r.TryGetProperty("ID", out var id) ? Bitrix24Json.ReadId(id) : null, XmlId: Bitrix24Json.ReadString(r, "XML_ID")))
                .Where(r => r.Id is not null)
                .Select(r => (r.Id!.Value, r.XmlId))
                .ToList();
    }

    public static List<MultiFieldValue> Rows(JsonElement entity, string field) =>
        entity.TryGetProperty(field, out var rows) && rows.ValueKind == JsonValueKind.Array
            ? rows.EnumerateArray()
                .Select(r => new MultiFieldValue(r.TryGetProperty("ID", out var id) ? Bitrix24Json.ReadId(id) : null, Bitrix24Json.ReadString(r, "VALUE") ?? string.Empty, Bitrix24Json.ReadString(r, "VALUE_TYPE") ?? "WORK"))
                .ToList()
            : [];
}
