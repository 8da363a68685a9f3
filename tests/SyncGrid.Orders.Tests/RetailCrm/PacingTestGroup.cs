namespace SyncGrid.Orders.Tests.RetailCrm;

/// <summary>Timing tests run alone: the other test classes' sandboxes and silos would add their CPU load to the arrival jitter they measure.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PacingTestGroup
{
    public const string Name = "pacing";
}
