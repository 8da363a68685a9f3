using SyncGrid.Abstractions.Orders;
using SyncGrid.Domain;
using SyncGrid.Domain.Records;

namespace SyncGrid.Abstractions;

/// <summary>
/// One person, keyed by their contact key (<c>ContactKey.Value</c>): merges the person's records from every source and
/// company, and knows every company they are bound to.
/// </summary>
[Alias("SyncGrid.Abstractions.IContactGrain")]
public interface IContactGrain : IGrainWithStringKey
{
    /// <summary>Applies contact record versions (all with this grain's key); durable when the task completes. Idempotent.</summary>
    [Alias("Submit")]
    Task<SubmitResult> SubmitAsync(ValueList<ContactRecord> records, CancellationToken cancellationToken = default);

    /// <summary>
    /// A company of this contact is in Bitrix24 under <paramref name="bitrix24CompanyId"/>: the contact is pushed (or
    /// re-bound) once at least one of its companies is. Idempotent.
    /// </summary>
    [Alias("CompanySynced")]
    Task CompanySyncedAsync(string tin, long bitrix24CompanyId, CancellationToken cancellationToken = default);

    /// <summary>The merged contact with provenance and its companies.</summary>
    [Alias("GetSnapshot")]
    Task<ContactSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The Bitrix24 writes the contact's push would make (a dry run, nothing is sent), assuming company
    /// <paramref name="tin"/> is in Bitrix24 or about to be when <paramref name="companyInBitrix24"/> is true.
    /// </summary>
    [Alias("PlanBitrix24")]
    Task<ValueList<PlannedCommand>> PlanBitrix24Async(string tin, bool companyInBitrix24, CancellationToken cancellationToken = default);

    /// <summary>
    /// An order's customer: finds the person's Bitrix24 contact (the id this grain knows, else Bitrix24's duplicate
    /// search by e-mail and phone) or creates it, records the order in the purchase history and writes the history
    /// (orders count, total spent, last order date) to the contact when it changed. One grain per person, so
    /// concurrent orders of one customer never create two contacts.
    /// </summary>
    [Alias("ResolveForOrder")]
    Task<OrderContactResult> ResolveForOrderAsync(OrderContactRequest request, CancellationToken cancellationToken = default);
}
