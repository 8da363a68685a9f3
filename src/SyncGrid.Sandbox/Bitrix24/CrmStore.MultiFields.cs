using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>Multi-field (PHONE, EMAIL, WEB, IM) write semantics of spec §6.</summary>
internal sealed partial class CrmStore
{
    private static string DefaultValueType(string typeId) => typeId == "IM" ? "OTHER" : "WORK";

    /// <summary>E-mail values are validated before anything is written; the whole call fails with ERROR_CORE.</summary>
    private static void ValidateMultiFields(EntitySchema schema, JsonObject fields)
    {
        if (!schema.HasMultiFields || !fields.TryGetPropertyValue("EMAIL", out var emails))
        {
            return;
        }

        foreach (var element in JsonArgs.Items(emails).OfType<JsonObject>())
        {
            var value = JsonArgs.Str(element["VALUE"])?.Trim();
            if (!string.IsNullOrEmpty(value) && JsonArgs.Str(element["DELETE"]) != "Y" && !EmailPattern().IsMatch(value))
            {
                throw new Bitrix24RestException(400, "ERROR_CORE", "field E-mail contains an invalid address");
            }
        }
    }

    private void MergeMultiFields(CrmRecord record, string typeId, JsonNode? input)
    {
        foreach (var element in JsonArgs.Items(input).OfType<JsonObject>())
        {
            var rowId = long.TryParse(JsonArgs.Str(element["ID"]), out var parsed) ? parsed : (long?)null;
            var value = JsonArgs.Str(element["VALUE"])?.Trim();
            var valueType = JsonArgs.Str(element["VALUE_TYPE"])?.Trim();
            var delete = JsonArgs.Str(element["DELETE"]) == "Y";
            var existing = rowId is null ? null : record.Multi.Find(m => m.Id == rowId && m.TypeId == typeId);
            if (existing is not null)
            {
                if (delete || string.IsNullOrEmpty(value))
                {
                    record.Multi.Remove(existing);
                }
                else
                {
                    existing.Value = value;
                    existing.ValueType = string.IsNullOrEmpty(valueType) ? DefaultValueType(typeId) : valueType;
                }

                continue;
            }

            if (delete || string.IsNullOrEmpty(value))
            {
                continue;
            }

            var type = string.IsNullOrEmpty(valueType) ? DefaultValueType(typeId) : valueType;
            var same = record.Multi.Find(m => m.TypeId == typeId && m.ValueType == type && JsonArgs.PhpLooseEquals(m.Value, value));
            if (same is not null)
            {
                same.Value = value;
                continue;
            }

            record.Multi.Add(new MultiFieldRow { Id = ++State.LastMultiFieldId, TypeId = typeId, ValueType = type, Value = value });
        }
    }
}
