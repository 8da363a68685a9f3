namespace SyncGrid.Domain.Identifiers;

/// <summary>Which primary state registration number an <see cref="Ogrn"/> is.</summary>
[GenerateSerializer, Alias("SyncGrid.OgrnKind")]
public enum OgrnKind
{
    /// <summary>OGRN, 13 digits: a legal entity.</summary>
    Ogrn = 13,

    /// <summary>OGRNIP, 15 digits: an individual entrepreneur.</summary>
    Ogrnip = 15,
}
