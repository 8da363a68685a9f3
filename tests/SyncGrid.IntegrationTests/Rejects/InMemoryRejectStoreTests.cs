using SyncGrid.Abstractions.Rejects;
using SyncGrid.Storage.Rejects;

namespace SyncGrid.IntegrationTests.Rejects;

/// <summary>The in-memory rejects store against the shared contract; no database, part of the fast loop.</summary>
public sealed class InMemoryRejectStoreTests : RejectStoreContract
{
    private readonly InMemoryRejectStore _store;

    public InMemoryRejectStoreTests() => _store = new InMemoryRejectStore(Clock);

    protected override IRejectStore Store => _store;
}
