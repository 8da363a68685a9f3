namespace SyncGrid.Domain.Identifiers;

/// <summary>What a TIN identifies, told by its length.</summary>
[GenerateSerializer, Alias("SyncGrid.TinKind")]
public enum TinKind
{
    /// <summary>10 digits: a legal entity.</summary>
    Organization = 10,

    /// <summary>12 digits: an individual or an individual entrepreneur.</summary>
    Individual = 12,
}
