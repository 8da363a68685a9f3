using System.Text;
using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary><c>crm.duplicate.findbycomm</c> (§7.7) over the multi-field rows, which are current within the same request.</summary>
internal sealed partial class CrmStore
{
    private const int MaxValues = 20;
    private const int MaxHitsPerValue = 20;
    private static readonly string[] ResultOrder = ["CONTACT", "COMPANY"];

    public JsonNode FindByCommunication(JsonObject p)
    {
        var type = JsonArgs.Str(JsonArgs.Param(p, "type"))?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(type))
        {
            throw Bitrix24RestException.Crm("Communication type is not defined.");
        }

        if (type is not ("PHONE" or "EMAIL"))
        {
            throw Bitrix24RestException.Crm($"Communication type '{type}' is not supported in current context.");
        }

        var values = JsonArgs.Param(p, "values", "arValues");
        if (values is not (JsonArray or JsonObject))
        {
            throw Bitrix24RestException.Crm("Communication values is not defined.");
        }

        var entityType = JsonArgs.Str(JsonArgs.Param(p, "entity_type", "arEntityType")) ?? JsonArgs.Str(p["EntityType"]);
        entityType = entityType?.Trim().ToUpperInvariant();
        if (entityType == "DEAL")
        {
            throw Bitrix24RestException.Crm("Deal is not supported in current context.");
        }

        var searched = JsonArgs.Items(values).Where(JsonArgs.IsString).Select(JsonArgs.Str).OfType<string>()
            .Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxValues).ToList();
        var schemas = entityType switch
        {
            "CONTACT" => [EntitySchema.Contact],
            "COMPANY" => [EntitySchema.Company],
            "LEAD" => Array.Empty<EntitySchema>(),
            _ => new[] { EntitySchema.Contact, EntitySchema.Company },
        };
        var hits = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        foreach (var value in searched)
        {
            var code = NormalizeCommunication(type, value);
            if (code.Length == 0)
            {
                continue;
            }

            var found = 0;
            foreach (var schema in schemas)
            {
                foreach (var record in State.Table(schema.Name).Values)
                {
                    if (found >= MaxHitsPerValue)
                    {
                        break;
                    }

                    if (record.Multi.Exists(m => m.TypeId == type && NormalizeCommunication(type, m.Value) == code))
                    {
                        var key = schema.Name.ToUpperInvariant();
                        if (!hits.TryGetValue(key, out var set))
                        {
                            set = [];
                            hits[key] = set;
                        }

                        set.Add(record.Id);
                        found++;
                    }
                }
            }
        }

        var result = new JsonObject();
        foreach (var key in ResultOrder.Where(hits.ContainsKey))
        {
            result[key] = new JsonArray([.. hits[key].Select(id => (JsonNode)id)]);
        }

        return JsonArgs.PhpMap(result);
    }

    /// <summary>The communication code Bitrix compares: phones per <c>NormalizePhone</c>, e-mails trimmed and lower-cased.</summary>
    internal static string NormalizeCommunication(string type, string value)
    {
        if (type == "EMAIL")
        {
            return value.Trim().ToLowerInvariant();
        }

        var trimmed = value.Trim();
        var kept = new StringBuilder();
        foreach (var c in trimmed)
        {
            if (char.IsAsciiDigit(c) || c is '#' or '*' or ',' or ';')
            {
                kept.Append(c);
            }
        }

        var code = kept.ToString();
        if (code.Length >= 10)
        {
            if (trimmed.StartsWith("+8", StringComparison.Ordinal))
            {
                code = "00" + code[1..];
            }

            if (code.StartsWith("00", StringComparison.Ordinal))
            {
                code = code[2..];
            }
            else if (code.StartsWith("011", StringComparison.Ordinal))
            {
                code = code[3..];
            }
            else if (code.StartsWith('8') && !(code.StartsWith("80", StringComparison.Ordinal) || code.StartsWith("81", StringComparison.Ordinal) || code.StartsWith("82", StringComparison.Ordinal)))
            {
                code = "7" + code[1..];
            }
            else if (code.StartsWith('0'))
            {
                code = code[1..];
            }
        }

        // The extension after '#', ';' or ',' is cut: only the leading run of digits (and '*') is the number.
        var end = 0;
        while (end < code.Length && (char.IsAsciiDigit(code[end]) || code[end] == '*'))
        {
            end++;
        }

        return code[..end];
    }
}
