namespace SyncGrid.Sandbox.Register;

/// <summary>
/// One unit (head office or branch) in the sandbox register; one entry of a register file (see
/// <c>docs/register-sandbox.md</c>). Branches share the head office's <see cref="Inn"/> and differ by <see cref="Kpp"/>.
/// </summary>
public sealed record RegisterSandboxCompany
{
    /// <summary>TIN: 10 digits (organisation) or 12 (individual entrepreneur).</summary>
    public required string Inn { get; init; }

    /// <summary>KPP of this unit; <see langword="null"/> for individual entrepreneurs.</summary>
    public string? Kpp { get; init; }

    /// <summary>OGRN (13 digits) or OGRNIP (15 digits).</summary>
    public required string Ogrn { get; init; }

    /// <summary><c>LEGAL</c> or <c>INDIVIDUAL</c>. Default <c>LEGAL</c>.</summary>
    public string Type { get; init; } = "LEGAL";

    /// <summary><c>MAIN</c> or <c>BRANCH</c>. Default <c>MAIN</c>.</summary>
    public string BranchType { get; init; } = "MAIN";

    /// <summary>Full name without legal form, for example <c>СБЕРБАНК РОССИИ</c>.</summary>
    public required string FullName { get; init; }

    /// <summary>Short name without legal form, for example <c>СБЕРБАНК</c>. Default: <see cref="FullName"/>.</summary>
    public string? ShortName { get; init; }

    /// <summary>Short legal form (<c>ПАО</c>, <c>ООО</c>, <c>ИП</c>).</summary>
    public string? OpfShort { get; init; }

    /// <summary>Full legal form (<c>Публичное акционерное общество</c>).</summary>
    public string? OpfFull { get; init; }

    /// <summary>Full name with legal form. Default: upper-case <see cref="OpfFull"/> followed by the quoted <see cref="FullName"/>.</summary>
    public string? FullWithOpf { get; init; }

    /// <summary>Short name with legal form. Default: <see cref="OpfShort"/> followed by <see cref="ShortName"/>.</summary>
    public string? ShortWithOpf { get; init; }

    /// <summary><c>ACTIVE</c>, <c>LIQUIDATING</c>, <c>LIQUIDATED</c>, <c>BANKRUPT</c> or <c>REORGANIZING</c>. Default <c>ACTIVE</c>.</summary>
    public string Status { get; init; } = "ACTIVE";

    /// <summary>Registered address.</summary>
    public string? Address { get; init; }

    /// <summary>Registration date (served as Unix milliseconds).</summary>
    public DateTimeOffset? RegistrationDate { get; init; }

    /// <summary>Liquidation date, when liquidated.</summary>
    public DateTimeOffset? LiquidationDate { get; init; }

    /// <summary>When the register data was last updated. Default: the registration date.</summary>
    public DateTimeOffset? ActualityDate { get; init; }

    internal string ResolvedFullWithOpf => FullWithOpf
        ?? (OpfFull is null ? FullName : $"{OpfFull.ToUpperInvariant()} \"{FullName}\"");

    internal string ResolvedShortWithOpf => ShortWithOpf
        ?? (OpfShort is null ? ShortName ?? FullName : $"{OpfShort} {ShortName ?? FullName}");
}
