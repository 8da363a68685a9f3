namespace SyncGrid.Sources.StoreA;

/// <summary>
/// A row of <c>contacts</c> with what its company row said when it was read (<see cref="Company"/>, from a LEFT JOIN;
/// <see langword="null"/> when <c>company_id</c> is NULL or points at no row). Byte arrays are latin1 columns' raw bytes.
/// </summary>
public sealed record StoreAContactRow : StoreARow
{
    /// <inheritdoc />
    public override StoreATable Table => StoreATable.Contacts;

    public long? CompanyId { get; init; }

    public byte[]? FullName { get; init; }

    /// <summary>The <c>position</c> column (the person's job title).</summary>
    public byte[]? JobTitle { get; init; }

    public byte[]? Phone { get; init; }

    public string? Email { get; init; }

    /// <summary>The contact's company row as read with it, or <see langword="null"/> when there is none.</summary>
    public StoreAContactCompany? Company { get; init; }

    /// <inheritdoc />
    public override DateTime ChangedAt => Company is { } company && company.UpdatedAt > UpdatedAt ? company.UpdatedAt : UpdatedAt;
}
