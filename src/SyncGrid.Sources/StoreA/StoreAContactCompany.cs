namespace SyncGrid.Sources.StoreA;

/// <summary>What a contact's company row said when the contact was read: enough to route the contact by TIN.</summary>
/// <param name="Inn">The company's <c>inn</c> column, raw bytes (latin1 column).</param>
/// <param name="IsDeleted">The company's <c>is_deleted</c>.</param>
/// <param name="UpdatedAt">The company's <c>updated_at</c>.</param>
public sealed record StoreAContactCompany(byte[]? Inn, bool IsDeleted, DateTime UpdatedAt);
