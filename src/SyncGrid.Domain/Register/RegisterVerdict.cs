using SyncGrid.Domain.Identifiers;

namespace SyncGrid.Domain.Register;

/// <summary>
/// What the register said about one company, and when. The company grain caches it per TIN with
/// <see cref="ObtainedAt"/>, so a company seen again is not looked up while the verdict is still valid.
/// </summary>
/// <param name="Tin">The TIN the register reported.</param>
/// <param name="Kpp">The KPP of the reported (head or branch) unit; <see langword="null"/> for individuals.</param>
/// <param name="Ogrn">The OGRN (13 digits) or OGRNIP (15 digits), as the register gave it.</param>
/// <param name="Status">The register state; only <see cref="RegisterPartyStatus.Active"/> passes.</param>
/// <param name="FullName">Full name with legal form (<c>name.full_with_opf</c>).</param>
/// <param name="ShortName">Short name with legal form (<c>name.short_with_opf</c>), or the full one when the register has none.</param>
/// <param name="LegalForm">Short legal form (<c>opf.short</c>, for example <c>ПАО</c>); <see langword="null"/> when absent.</param>
/// <param name="Address">The registered address (<c>address.value</c>); <see langword="null"/> when absent.</param>
/// <param name="Type">Organisation or individual entrepreneur.</param>
/// <param name="ObtainedAt">When the register answered.</param>
[GenerateSerializer, Immutable, Alias("SyncGrid.RegisterVerdict")]
public sealed record RegisterVerdict(
    [property: Id(0)] Tin Tin,
    [property: Id(1)] string? Kpp,
    [property: Id(2)] string? Ogrn,
    [property: Id(3)] RegisterPartyStatus Status,
    [property: Id(4)] string FullName,
    [property: Id(5)] string ShortName,
    [property: Id(6)] string? LegalForm,
    [property: Id(7)] string? Address,
    [property: Id(8)] RegisterPartyType Type,
    [property: Id(9)] DateTimeOffset ObtainedAt)
{
    /// <summary>Whether the company may go to Bitrix24: the register reports it <c>ACTIVE</c>.</summary>
    public bool IsActive => Status == RegisterPartyStatus.Active;
}
