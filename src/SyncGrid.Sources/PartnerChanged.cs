using SyncGrid.Domain.Normalization;

namespace SyncGrid.Sources;

/// <summary>The full current picture of a store B partner: the company and the contacts it carries.</summary>
/// <param name="Company">The partner as a raw company; its source time is the event's <c>occurredAt</c> or the export's <c>exportedAt</c>.</param>
/// <param name="Contacts">The partner's contacts, each with source id <c>partnerId/contactId</c> and the partner as parent.</param>
/// <param name="Position">Where the input came from.</param>
public sealed record PartnerChanged(RawCompany Company, IReadOnlyList<RawContact> Contacts, string Position) : SapEventResult(Position);
