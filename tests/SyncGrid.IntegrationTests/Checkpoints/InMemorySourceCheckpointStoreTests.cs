using SyncGrid.Sources.Import;
using SyncGrid.Storage.Checkpoints;

namespace SyncGrid.IntegrationTests.Checkpoints;

/// <summary>The in-memory checkpoint store against the shared contract; no database, part of the fast loop.</summary>
public sealed class InMemorySourceCheckpointStoreTests : SourceCheckpointStoreContract
{
    protected override ISourceCheckpointStore Store { get; } = new InMemorySourceCheckpointStore();
}
