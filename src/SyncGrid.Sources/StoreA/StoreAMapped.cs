using SyncGrid.Domain;

namespace SyncGrid.Sources.StoreA;

/// <summary>
/// A store A row mapped to a raw domain record. <see cref="Problems"/> are values dropped on the way (a column in a bad
/// encoding); <see cref="Refusal"/>, when set, refuses the whole record (a contact that cannot be routed to a company).
/// </summary>
public sealed record StoreAMapped<T>(T Raw, IReadOnlyList<Problem> Problems, Problem? Refusal = null)
    where T : class;
