namespace SyncGrid.Generator.Model;

/// <summary>How a company is spread over the sources.</summary>
internal enum Layout
{
    /// <summary>One store A row.</summary>
    A1,

    /// <summary>One store B partner.</summary>
    B1,

    /// <summary>In both stores.</summary>
    AB,

    /// <summary>Twice in store A (a duplicate entry or a branch).</summary>
    AA,

    /// <summary>Under two SAP partner ids.</summary>
    BB,

    /// <summary>One store A row and two partner ids.</summary>
    ABB,

    /// <summary>One store A row, deleted: the company has no live record.</summary>
    Withdrawn,

    /// <summary>A store A row without a valid TIN.</summary>
    InvalidA,

    /// <summary>A store B partner without a valid TIN.</summary>
    InvalidB,
}

/// <summary>Where a store B partner version is delivered.</summary>
internal enum Channel
{
    OldExport,
    ExportPart1,
    ExportPart2,
    Event,
}

/// <summary>One delivery of a store B partner version: an export entry or a change event (perhaps a repeat, perhaps late).</summary>
internal sealed class Delivery
{
    public required Channel Channel { get; init; }

    public required CompanyVersion Version { get; init; }

    /// <summary>When the event reaches the topic (orders the event stream); the export time for export entries.</summary>
    public required DateTimeOffset DeliveredAt { get; init; }

    /// <summary>A second delivery of an event already delivered (at-least-once).</summary>
    public bool Duplicate { get; init; }

    /// <summary>An event older than the partner's export version, delivered after it.</summary>
    public bool Stale { get; init; }
}

/// <summary>One store B partner id and every delivery of it.</summary>
internal sealed class PartnerRecord
{
    public required string Id { get; init; }

    public List<Delivery> Deliveries { get; } = [];
}

/// <summary>One store A company row with its contact rows.</summary>
internal sealed class StoreARowRecord
{
    public required int Id { get; init; }

    public required CompanyVersion Version { get; init; }

    public required bool Utf8 { get; init; }

    public List<StoreAContactRecord> Contacts { get; } = [];
}

/// <summary>One store A contact row.</summary>
internal sealed class StoreAContactRecord
{
    public required int Id { get; init; }

    public required int? CompanyId { get; init; }

    public required ContactVersion Version { get; init; }

    public required bool Utf8 { get; init; }
}

/// <summary>Everything the sources hold about one company (or one record without a valid TIN).</summary>
internal sealed class EntityRecords
{
    public required int Index { get; init; }

    public required Layout Layout { get; init; }

    public required CompanyFacts Facts { get; init; }

    public bool ValidTin => Layout is not (Layout.InvalidA or Layout.InvalidB);

    public List<StoreARowRecord> Rows { get; } = [];

    public List<PartnerRecord> Partners { get; } = [];
}
