namespace SyncGrid.Api.Tests;

/// <summary>The API and CLI tests share one cluster, sandboxes and API host, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ApiTestGroup : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
