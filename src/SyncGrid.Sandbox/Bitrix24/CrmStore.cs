using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>
/// The in-memory CRM of one portal. Not thread-safe by itself: the dispatcher runs every method under <see cref="Gate"/>,
/// so each REST call (and each batch command) is atomic, as one PHP request is against the database.
/// </summary>
internal sealed partial class CrmStore
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _offset;

    public CrmStore(TimeProvider time, TimeSpan offset, PortalState? state)
    {
        _time = time;
        _offset = offset;
        State = state ?? new PortalState();
        SeedPresets();
    }

    public Lock Gate { get; } = new();

    public PortalState State { get; private set; }

    public int UserId { get; set; } = 1;

    public void Replace(PortalState state)
    {
        State = state;
        SeedPresets();
    }

    public string Now() => FormatDate(_time.GetUtcNow());

    public string FormatDate(DateTimeOffset moment) =>
        moment.ToOffset(_offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    // ---- generic classic CRUD ----

    public int Add(EntitySchema schema, JsonObject p, Action<CrmRecord, JsonObject>? beforeWrite = null)
    {
        var fields = RequireFields(p);
        var import = ImportMode(p);
        ValidateMultiFields(schema, fields);
        var record = new CrmRecord { Id = 0 };
        var now = Now();
        var user = Invariant(UserId);
        record.Fields["DATE_CREATE"] = now;
        record.Fields["DATE_MODIFY"] = now;
        record.Fields["CREATED_BY_ID"] = user;
        record.Fields["MODIFY_BY_ID"] = user;
        if (schema.IsStandard("ASSIGNED_BY_ID"))
        {
            record.Fields["ASSIGNED_BY_ID"] = user;
        }

        if (schema.IsStandard("OPENED"))
        {
            record.Fields["OPENED"] = "Y";
        }

        record.Id = State.LastIds.GetValueOrDefault(schema.Name) + 1;
        ApplyFields(schema, record, fields, import);
        beforeWrite?.Invoke(record, fields);
        State.NextId(schema.Name);
        State.Table(schema.Name)[record.Id] = record;
        return record.Id;
    }

    public bool Update(EntitySchema schema, JsonObject p, Action<CrmRecord, JsonObject>? beforeWrite = null, bool reportUnchanged = false)
    {
        var id = RequireId(p);
        if (!State.Table(schema.Name).TryGetValue(id, out var record))
        {
            throw Bitrix24RestException.Crm(string.Format(CultureInfo.InvariantCulture, schema.UpdateNotFound, id));
        }

        var fields = RequireFields(p);
        ValidateMultiFields(schema, fields);
        var before = Snapshot(record);
        var savedFields = new Dictionary<string, string?>(record.Fields, StringComparer.Ordinal);
        var savedMulti = record.Multi.Select(m => new MultiFieldRow { Id = m.Id, TypeId = m.TypeId, ValueType = m.ValueType, Value = m.Value }).ToList();
        try
        {
            ApplyFields(schema, record, fields, ImportMode(p));
            beforeWrite?.Invoke(record, fields);
        }
        catch (Bitrix24RestException)
        {
            // One PHP request is one transaction as far as the caller can see: a refused update leaves the row as it was.
            record.Fields.Clear();
            savedFields.ToList().ForEach(f => record.Fields[f.Key] = f.Value);
            record.Multi.Clear();
            record.Multi.AddRange(savedMulti);
            throw;
        }

        var changed = Snapshot(record) != before;
        if (changed)
        {
            record.Fields["DATE_MODIFY"] = Now();
            record.Fields["MODIFY_BY_ID"] = Invariant(UserId);
        }

        return !reportUnchanged || changed;
    }

    public CrmRecord Find(EntitySchema schema, JsonObject p, string notFound = "Not found")
    {
        var id = RequireId(p);
        return State.Table(schema.Name).TryGetValue(id, out var record)
            ? record
            : throw Bitrix24RestException.Crm(string.Format(CultureInfo.InvariantCulture, notFound, id));
    }

    public void Delete(EntitySchema schema, JsonObject p, string notFound)
    {
        var record = Find(schema, p, notFound);
        State.Table(schema.Name).Remove(record.Id);
        if (schema == EntitySchema.Company || schema == EntitySchema.Contact)
        {
            State.Bindings.RemoveAll(schema == EntitySchema.Company ? State.Bindings.OfCompany(record.Id) : State.Bindings.OfContact(record.Id));
            var typeId = schema == EntitySchema.Company ? "4" : "3";
            foreach (var rq in State.Table(EntitySchema.Requisite.Name).Values
                .Where(r => r.Get("ENTITY_TYPE_ID") == typeId && r.Get("ENTITY_ID") == Invariant(record.Id)).ToList())
            {
                State.Table(EntitySchema.Requisite.Name).Remove(rq.Id);
            }
        }
    }

    public static int RequireId(JsonObject p) =>
        JsonArgs.PositiveId(JsonArgs.Param(p, "id")) ?? throw Bitrix24RestException.Crm("ID is not defined or invalid.");

    public static JsonObject RequireFields(JsonObject p) =>
        JsonArgs.Param(p, "fields", "arFields") as JsonObject ?? throw Bitrix24RestException.Crm("Parameter 'fields' must be array.");

    public static string Invariant(long value) => JsonArgs.Invariant(value);

    private static bool ImportMode(JsonObject p) =>
        JsonArgs.Param(p, "params") is JsonObject options && JsonArgs.Str(options["IMPORT"]) == "Y";

    private void ApplyFields(EntitySchema schema, CrmRecord record, JsonObject fields, bool import)
    {
        foreach (var (name, value) in fields)
        {
            if (schema.HasMultiFields && EntitySchema.IsMultiField(name))
            {
                MergeMultiFields(record, name, value);
            }
            else if (schema.IsWritable(name, import))
            {
                record.Fields[name] = value is JsonArray or JsonObject ? value.ToJsonString() : JsonArgs.Str(value);
            }
        }
    }

    private static string Snapshot(CrmRecord record) =>
        string.Join('\u0001', record.Fields.Where(f => f.Key is not ("DATE_MODIFY" or "MODIFY_BY_ID")).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"))
        + string.Join('\u0001', record.Multi.Select(m => $"{m.Id}:{m.TypeId}:{m.ValueType}:{m.Value}"));

    // ---- projection ----

    /// <summary>A row as classic get/list hand it out: ids and numbers as strings, Y/N flags, null for empty.</summary>
    public JsonObject Project(EntitySchema schema, CrmRecord record, ListQuery.Selection? select = null)
    {
        var row = new JsonObject();
        foreach (var field in schema.Fields)
        {
            if (select is null || select.IncludesStandard(field))
            {
                row[field] = ReadField(schema, record, field);
            }
        }

        foreach (var (name, value) in record.Fields.Where(f => schema.IsFree(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (select is null || select.IncludesFree(name))
            {
                row[name] = value;
            }
        }

        if (schema == EntitySchema.Contact && select is null)
        {
            row["COMPANY_IDS"] = new JsonArray([.. CompaniesOf(record.Id).Select(id => (JsonNode)Invariant(id))]);
        }

        if (schema.HasMultiFields)
        {
            foreach (var typeId in EntitySchema.MultiFieldTypes)
            {
                var rows = record.Multi.Where(m => m.TypeId == typeId).ToList();
                if ((select is null && rows.Count > 0) || (select is not null && select.Names(typeId)))
                {
                    row[typeId] = new JsonArray([.. rows.Select(m => (JsonNode)new JsonObject
                    {
                        ["ID"] = Invariant(m.Id),
                        ["VALUE_TYPE"] = m.ValueType,
                        ["VALUE"] = m.Value,
                        ["TYPE_ID"] = m.TypeId,
                    })]);
                }
            }
        }

        return row;
    }

    /// <summary>The scalar value of a field as a read returns it (derived fields computed).</summary>
    public string? ReadField(EntitySchema schema, CrmRecord record, string field) => field switch
    {
        "ID" => Invariant(record.Id),
        "HAS_PHONE" when schema.HasMultiFields => record.Multi.Any(m => m.TypeId == "PHONE") ? "Y" : "N",
        "HAS_EMAIL" when schema.HasMultiFields => record.Multi.Any(m => m.TypeId == "EMAIL") ? "Y" : "N",
        "HAS_IMOL" when schema.HasMultiFields => "N",
        "COMPANY_ID" when schema == EntitySchema.Contact => PrimaryCompanyOf(record.Id) is { } c ? Invariant(c) : null,
        _ => record.Get(field),
    };

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
