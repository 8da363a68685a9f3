using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>Requisites (§7.4), bank details (§7.5) and presets (§7.6).</summary>
internal sealed partial class CrmStore
{
    private void SeedPresets()
    {
        var presets = State.Table(EntitySchema.Preset.Name);
        if (presets.Count > 0)
        {
            return;
        }

        (string Name, string XmlId)[] seed =
        [
            ("Организация", "#CRM_REQUISITE_PRESET_DEF_RU_COMPANY#"),
            ("ИП", "#CRM_REQUISITE_PRESET_DEF_RU_INDIVIDUAL#"),
            ("Физ. лицо", "#CRM_REQUISITE_PRESET_DEF_RU_PERSON#"),
        ];
        foreach (var (name, xmlId) in seed)
        {
            var id = State.NextId(EntitySchema.Preset.Name);
            var now = Now();
            presets[id] = new CrmRecord
            {
                Id = id,
                Fields =
                {
                    ["ENTITY_TYPE_ID"] = "8", ["COUNTRY_ID"] = "1", ["NAME"] = name, ["DATE_CREATE"] = now, ["DATE_MODIFY"] = now,
                    ["CREATED_BY_ID"] = "1", ["MODIFY_BY_ID"] = "1", ["ACTIVE"] = "Y", ["XML_ID"] = xmlId, ["SORT"] = Invariant(id * 500L),
                },
            };
        }
    }

    public int AddRequisite(JsonObject p)
    {
        var fields = RequireFields(p);
        var entityType = JsonArgs.Str(fields["ENTITY_TYPE_ID"])?.Trim();
        if (entityType is not ("3" or "4"))
        {
            throw Bitrix24RestException.Crm("ENTITY_TYPE_ID is not defined or invalid.");
        }

        var entityId = JsonArgs.PositiveId(fields["ENTITY_ID"]) ?? throw Bitrix24RestException.Crm("ENTITY_ID is not defined or invalid.");
        var owner = entityType == "4" ? EntitySchema.Company : EntitySchema.Contact;
        if (!State.Table(owner.Name).ContainsKey(entityId))
        {
            throw Bitrix24RestException.Crm("Entity not found.");
        }

        var presetId = JsonArgs.PositiveId(fields["PRESET_ID"]);
        if (presetId is null || !State.Table(EntitySchema.Preset.Name).ContainsKey(presetId.Value))
        {
            throw Bitrix24RestException.Crm("PRESET_ID is not defined or invalid.");
        }

        if (string.IsNullOrWhiteSpace(JsonArgs.Str(fields["NAME"])))
        {
            throw Bitrix24RestException.Crm("The field \"Name\" is required.");
        }

        return AddWithDefaults(EntitySchema.Requisite, p, ("ACTIVE", "Y"), ("ADDRESS_ONLY", "N"), ("SORT", "500"));
    }

    public bool UpdateRequisite(JsonObject p)
    {
        var record = Find(EntitySchema.Requisite, p, EntitySchema.Requisite.UpdateNotFound);
        var fields = RequireFields(p);
        var presetId = fields["PRESET_ID"];
        if (presetId is not null && (JsonArgs.PositiveId(presetId) is not { } preset || !State.Table(EntitySchema.Preset.Name).ContainsKey(preset)))
        {
            throw Bitrix24RestException.Crm("PRESET_ID is not defined or invalid.");
        }

        // ENTITY_TYPE_ID/ENTITY_ID do not move a requisite to another owner on update.
        var owner = (record.Get("ENTITY_TYPE_ID"), record.Get("ENTITY_ID"));
        var changed = Update(EntitySchema.Requisite, p, reportUnchanged: true);
        (record.Fields["ENTITY_TYPE_ID"], record.Fields["ENTITY_ID"]) = owner;
        return changed;
    }

    public int AddBankDetail(JsonObject p)
    {
        var fields = RequireFields(p);
        var requisiteId = JsonArgs.PositiveId(fields["ENTITY_ID"]);
        if (requisiteId is null || !State.Table(EntitySchema.Requisite.Name).ContainsKey(requisiteId.Value))
        {
            throw Bitrix24RestException.Crm("ENTITY_ID is not defined or invalid.");
        }

        if (string.IsNullOrWhiteSpace(JsonArgs.Str(fields["NAME"])))
        {
            throw Bitrix24RestException.Crm("The field \"Name\" is required.");
        }

        return AddWithDefaults(EntitySchema.BankDetail, p, ("COUNTRY_ID", "1"), ("ACTIVE", "Y"), ("SORT", "500"));
    }

    private int AddWithDefaults(EntitySchema schema, JsonObject p, params (string Field, string Value)[] defaults) =>
        Add(schema, p, (record, _) =>
        {
            foreach (var (field, value) in defaults)
            {
                record.Fields.TryAdd(field, value);
            }
        });
}
