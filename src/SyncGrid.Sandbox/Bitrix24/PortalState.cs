namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>Everything a portal stores; serialised as is to the state file.</summary>
internal sealed class PortalState
{
    public Dictionary<string, SortedDictionary<int, CrmRecord>> Tables { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> LastIds { get; init; } = new(StringComparer.Ordinal);

    public long LastMultiFieldId { get; set; }

    public CrmBindings Bindings { get; init; } = [];

    public List<CrmNotification> Notifications { get; init; } = [];

    public int LastNotificationId { get; set; }

    public List<CrmTask> Tasks { get; init; } = [];

    public int LastTaskId { get; set; }

    public SortedDictionary<int, CrmRecord> Table(string entity)
    {
        if (!Tables.TryGetValue(entity, out var table))
        {
            table = [];
            Tables[entity] = table;
        }

        return table;
    }

    public int NextId(string entity)
    {
        var id = LastIds.GetValueOrDefault(entity) + 1;
        LastIds[entity] = id;
        return id;
    }
}

/// <summary>One CRM row: integer id, scalar fields as PHP would hand them out (strings or null), multi-field rows.</summary>
internal sealed class CrmRecord
{
    public int Id { get; set; }

    public Dictionary<string, string?> Fields { get; init; } = new(StringComparer.Ordinal);

    public List<MultiFieldRow> Multi { get; init; } = [];

    public string? Get(string field) => Fields.GetValueOrDefault(field);
}

/// <summary>A PHONE/EMAIL/WEB/IM row; ids are global across entities and stable.</summary>
internal sealed class MultiFieldRow
{
    public long Id { get; set; }

    public string TypeId { get; set; } = string.Empty;

    public string ValueType { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}

/// <summary>A row of the symmetric contact–company relation, with the order and primary flag as seen from each side.</summary>
internal sealed class CrmBinding
{
    public int CompanyId { get; set; }

    public int ContactId { get; set; }

    public int CompanySideSort { get; set; }

    public bool CompanySidePrimary { get; set; }

    public int ContactSideSort { get; set; }

    public bool ContactSidePrimary { get; set; }
}

/// <summary>A recorded <c>im.notify.*</c> call.</summary>
internal sealed class CrmNotification
{
    public int Id { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public string Message { get; set; } = string.Empty;

    public string? Tag { get; set; }

    public string Date { get; set; } = string.Empty;
}

/// <summary>A task created with <c>tasks.task.add</c>.</summary>
internal sealed class CrmTask
{
    public int Id { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public int ResponsibleId { get; set; }

    public int CreatedBy { get; set; }

    public string CreatedDate { get; set; } = string.Empty;

    public string ChangedDate { get; set; } = string.Empty;

    public string? Deadline { get; set; }

    public string? XmlId { get; set; }

    /// <summary><c>UF_CRM_TASK</c>: bound CRM entities such as <c>D_12</c>.</summary>
    public List<string> Crm { get; init; } = [];
}
