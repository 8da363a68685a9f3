using SyncGrid.Abstractions;

namespace SyncGrid.Api.Contracts;

/// <summary>A company's sync state (<c>GET /api/v1/companies/{tin}</c>).</summary>
/// <param name="Tin">The normalised TIN.</param>
/// <param name="Status">Where the company stands on its way to Bitrix24.</param>
/// <param name="StatusReason">Why (a problem code or an error), if anything needs saying.</param>
/// <param name="Name">The merged name; <see langword="null"/> when withdrawn or unnamed.</param>
/// <param name="Register">The register's last verdict; <see langword="null"/> before the first answer.</param>
/// <param name="Bitrix24">What the company has in Bitrix24.</param>
/// <param name="Fields">Every merged field with the source record that won it.</param>
/// <param name="Sources">The latest version of every source record, deleted ones included.</param>
/// <param name="Contacts">The company's contacts (the first <see cref="ContactLimit"/>, each with its Bitrix24 id).</param>
/// <param name="ContactCount">How many contacts are filed under the company.</param>
/// <param name="History">The last status changes, oldest first.</param>
/// <param name="Version">How many times the company's state was written.</param>
public sealed record CompanyStateResponse(
    string Tin,
    CompanySyncStatus Status,
    string? StatusReason,
    string? Name,
    RegisterVerdictDto? Register,
    Bitrix24StateDto Bitrix24,
    IReadOnlyList<FieldDto> Fields,
    IReadOnlyList<SourceDto> Sources,
    IReadOnlyList<ContactDto> Contacts,
    int ContactCount,
    IReadOnlyList<StatusChangeDto> History,
    long Version)
{
    /// <summary>The most contacts a company state lists in detail.</summary>
    public const int ContactLimit = 50;
}
