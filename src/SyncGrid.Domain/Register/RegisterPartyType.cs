namespace SyncGrid.Domain.Register;

/// <summary>The kind of party the register reports (<c>data.type</c>).</summary>
[GenerateSerializer, Alias("SyncGrid.RegisterPartyType")]
public enum RegisterPartyType
{
    /// <summary>A type this code does not know.</summary>
    Unknown = 0,

    /// <summary><c>LEGAL</c>: an organisation.</summary>
    Legal = 1,

    /// <summary><c>INDIVIDUAL</c>: an individual entrepreneur.</summary>
    Individual = 2,
}
