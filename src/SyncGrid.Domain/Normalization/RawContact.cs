using SyncGrid.Domain.Records;

namespace SyncGrid.Domain.Normalization;

/// <summary>
/// A contact as a source gives it: store A has one <see cref="FullName"/>, store B the three parts.
/// <see cref="CompanyInn"/> is the raw TIN of the company the contact appears under.
/// </summary>
public sealed record RawContact
{
    public required SourceRef Source { get; init; }

    public string? CompanyInn { get; init; }

    public string? FullName { get; init; }

    public string? LastName { get; init; }

    public string? FirstName { get; init; }

    public string? MiddleName { get; init; }

    public string? Position { get; init; }

    public IReadOnlyList<string?> Phones { get; init; } = [];

    public IReadOnlyList<string?> Emails { get; init; } = [];

    public bool IsDeleted { get; init; }

    /// <summary>The company source record this contact came inside (a store B partner), if any.</summary>
    public SourceKey? Parent { get; init; }
}
