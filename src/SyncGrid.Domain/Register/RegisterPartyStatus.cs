namespace SyncGrid.Domain.Register;

/// <summary>The state of a company in the register (<c>data.state.status</c>). Only <see cref="Active"/> passes.</summary>
[GenerateSerializer, Alias("SyncGrid.RegisterPartyStatus")]
public enum RegisterPartyStatus
{
    /// <summary>A status this code does not know; treated as not active.</summary>
    Unknown = 0,

    /// <summary><c>ACTIVE</c>: operating.</summary>
    Active = 1,

    /// <summary><c>LIQUIDATING</c>: being wound up.</summary>
    Liquidating = 2,

    /// <summary><c>LIQUIDATED</c>: struck off.</summary>
    Liquidated = 3,

    /// <summary><c>BANKRUPT</c>: declared bankrupt.</summary>
    Bankrupt = 4,

    /// <summary><c>REORGANIZING</c>: being merged, split or transformed.</summary>
    Reorganizing = 5,
}
