namespace SyncGrid.Domain.Bitrix24;

/// <summary>One requisite: keyed by KPP (empty when none), with the RQ fields of the mapping.</summary>
[GenerateSerializer, Immutable, Alias("SyncGrid.Bitrix24RequisiteImage")]
public sealed record Bitrix24RequisiteImage(
    [property: Id(0)] string Key,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Kpp,
    [property: Id(3)] string? Ogrn,
    [property: Id(4)] string ShortName,
    [property: Id(5)] string FullName);
