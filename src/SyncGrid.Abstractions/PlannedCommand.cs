namespace SyncGrid.Abstractions;

/// <summary>One Bitrix24 write a sync would make, for a dry run (never sent).</summary>
/// <param name="Method">The REST method, for example <c>crm.company.add</c>.</param>
/// <param name="Entity">What it writes: <c>company:{tin}</c>, <c>requisite:{tin}/{kpp}</c>, <c>bankdetail:{tin}/{bik}/{account}</c>, <c>contact:{key}</c>.</param>
/// <param name="Summary">The fields it would set, in brief (counts for a contact's phones and e-mails, never their values).</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.PlannedCommand")]
public sealed record PlannedCommand([property: Id(0)] string Method, [property: Id(1)] string Entity, [property: Id(2)] string Summary);
