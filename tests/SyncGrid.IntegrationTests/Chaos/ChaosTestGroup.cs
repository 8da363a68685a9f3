namespace SyncGrid.IntegrationTests.Chaos;

/// <summary>
/// The chaos tests run one at a time and alone: each starts several silos, Kafka and both sandboxes, and their
/// recovery times mean something only when they do not share the cores with other clusters.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosTestGroup
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Chaos";
}
