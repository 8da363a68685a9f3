using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Orleans.Serialization.Serializers;
using Orleans.Serialization;
using Orleans.Storage;
using SyncGrid.IntegrationTests.Sql;
using SyncGrid.Storage.GrainState;

namespace SyncGrid.IntegrationTests.Grid;

[Trait("Category", "Integration")]
public sealed class MariaDbGrainStorageTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly List<MariaDbGrainStorage> _created = [];
    private MariaDbGrainStorage? _storage;

    private MariaDbGrainStorage Storage => _storage!;

    public Task InitializeAsync()
    {
        _storage = NewStorage();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var storage in _created)
        {
            await storage.DisposeAsync();
        }

        await _services.DisposeAsync();
    }

    [Fact]
    public async Task WriteThenRead_LargePayload_RoundTripsExactly()
    {
        var id = NewId();
        var written = new GrainState<Payload> { State = new Payload { Data = RandomBytes(1024 * 1024 + 17), Text = "Привет" } };

        await Storage.WriteStateAsync("probe", id, written);
        var read = new GrainState<Payload>();
        await NewStorage().ReadStateAsync("probe", id, read);

        Assert.True(read.RecordExists);
        Assert.Equal("1", read.ETag);
        Assert.Equal(written.State.Data, read.State!.Data);
        Assert.Equal("Привет", read.State!.Text);
    }

    [Fact]
    public async Task Read_Missing_IsDefaultWithoutEtag()
    {
        var read = new GrainState<Payload>();

        await Storage.ReadStateAsync("probe", NewId(), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
    }

    [Fact]
    public async Task Write_StaleEtag_ThrowsAndLeavesNewerState()
    {
        var id = NewId();
        var first = new GrainState<Payload> { State = new Payload { Text = "v1" } };
        await Storage.WriteStateAsync("probe", id, first);
        var stale = new GrainState<Payload> { State = new Payload { Text = "stale" }, ETag = first.ETag };
        first.State = new Payload { Text = "v2" };
        await Storage.WriteStateAsync("probe", id, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("probe", id, stale));

        var read = new GrainState<Payload>();
        await Storage.ReadStateAsync("probe", id, read);
        Assert.Equal("v2", read.State!.Text);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task Write_TwoNewActivationsAtOnce_ExactlyOneWins()
    {
        for (var round = 0; round < 20; round++)
        {
            var id = NewId();
            var a = Storage.WriteStateAsync("probe", id, new GrainState<Payload> { State = new Payload { Text = "a" } });
            var b = NewStorage().WriteStateAsync("probe", id, new GrainState<Payload> { State = new Payload { Text = "b" } });

            var outcomes = await Task.WhenAll(Outcome(a), Outcome(b));

            Assert.Equal(1, outcomes.Count(o => o));
        }
    }

    [Fact]
    public async Task Write_ManyGrainsConcurrently_AllDurableInFewerBatches()
    {
        var ids = Enumerable.Range(0, 2000).Select(_ => NewId()).ToList();
        var (statesBefore, batchesBefore) = Storage.WriteStatistics;

        await Task.WhenAll(ids.Select(id => Storage.WriteStateAsync("probe", id, new GrainState<Payload> { State = new Payload { Text = id.ToString() } })));

        var (states, batches) = Storage.WriteStatistics;
        Assert.Equal(2000, states - statesBefore);
        Assert.True(batches - batchesBefore < 2000 / 4, $"2000 concurrent writes took {batches - batchesBefore} batches; group commit should need far fewer");
        var reads = await Task.WhenAll(ids.Select(async id =>
        {
            var read = new GrainState<Payload>();
            await NewStorage().ReadStateAsync("probe", id, read);
            return read.State!.Text == id.ToString();
        }));
        Assert.All(reads, Assert.True);
    }

    [Fact]
    public async Task Keys_DifferingOnlyInCase_AreDifferentGrains()
    {
        var suffix = Guid.NewGuid().ToString("N");
        var lower = GrainId.Create("probe", "abc" + suffix);
        var upper = GrainId.Create("probe", "ABC" + suffix);

        await Storage.WriteStateAsync("probe", lower, new GrainState<Payload> { State = new Payload { Text = "lower" } });
        await Storage.WriteStateAsync("probe", upper, new GrainState<Payload> { State = new Payload { Text = "upper" } });

        var read = new GrainState<Payload>();
        await Storage.ReadStateAsync("probe", lower, read);
        Assert.Equal("lower", read.State!.Text);
    }

    [Fact]
    public async Task Clear_ThenWriteAgain_StartsFromVersionOne()
    {
        var id = NewId();
        var state = new GrainState<Payload> { State = new Payload { Text = "x" } };
        await Storage.WriteStateAsync("probe", id, state);

        await Storage.ClearStateAsync("probe", id, state);
        Assert.Null(state.ETag);
        await Storage.WriteStateAsync("probe", id, state);

        Assert.Equal("1", state.ETag);
        await using var connection = new MySqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new MySqlCommand("SELECT COUNT(*) FROM syncgrid_grain_state WHERE grain_id = @g", connection);
        count.Parameters.AddWithValue("@g", id.ToString());
        Assert.Equal(1L, Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private MariaDbGrainStorage NewStorage()
    {
        var storage = new MariaDbGrainStorage(
            "tests",
            new MariaDbGrainStorageOptions { ConnectionString = database.ConnectionString },
            _services.GetRequiredService<Serializer>(),
            _services.GetRequiredService<IActivatorProvider>(),
            NullLogger<MariaDbGrainStorage>.Instance);
        _created.Add(storage);
        return storage;
    }

    private static GrainId NewId() => GrainId.Create("probe", Guid.NewGuid().ToString("N"));

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task<bool> Outcome(Task write)
    {
        try
        {
            await write;
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }
}

[GenerateSerializer]
public sealed class Payload
{
    [Id(0)]
    public byte[] Data { get; set; } = [];

    [Id(1)]
    public string? Text { get; set; }
}
