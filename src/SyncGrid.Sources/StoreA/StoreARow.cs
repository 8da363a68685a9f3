namespace SyncGrid.Sources.StoreA;

/// <summary>
/// One row of store A as the replica holds it. The latin1 columns are the raw bytes the legacy application wrote
/// (windows-1251, or UTF-8 from its newer version); they are decoded per value at ingest, never by the server.
/// </summary>
public abstract record StoreARow
{
    /// <summary>The table the row is in.</summary>
    public abstract StoreATable Table { get; }

    /// <summary>The row's primary key.</summary>
    public required long Id { get; init; }

    /// <summary>The row's <c>updated_at</c>, as stored (no time zone).</summary>
    public required DateTime UpdatedAt { get; init; }

    /// <summary>The row's <c>is_deleted</c> (soft delete).</summary>
    public bool IsDeleted { get; init; }

    /// <summary>The row's place in its table's keyset order.</summary>
    public StoreAPosition Position => new(UpdatedAt, Id);

    /// <summary>The record key: <c>companies/&lt;id&gt;</c> or <c>contacts/&lt;id&gt;</c>.</summary>
    public string Key => StoreATables.KeyOf(Table, Id);

    /// <summary>
    /// The latest <c>updated_at</c> that shapes this record. For a contact it includes its company's, because the
    /// company's TIN decides where the contact goes.
    /// </summary>
    public virtual DateTime ChangedAt => UpdatedAt;
}
